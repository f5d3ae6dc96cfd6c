namespace ModelMesh.Serving.Json;

/// <summary>How a BYTES output element that is not valid UTF-8 is written.</summary>
internal enum BytesElementStyle
{
    /// <summary>V2: if any element is not UTF-8, every element of the output is written as a base64 string.</summary>
    Base64WholeTensor,

    /// <summary>V1 (TF-Serving): that element alone is written as <c>{"b64": "..."}</c>.</summary>
    Base64ObjectPerElement,
}
