using ModelMesh.Onnx;

namespace ModelMesh.Serving;

/// <summary>A model's inputs and outputs as its runtime reports them (shapes use -1 for variable dims).</summary>
public sealed record ModelSignature(IReadOnlyList<OrtTensorInfo> Inputs, IReadOnlyList<OrtTensorInfo> Outputs)
{
    public OrtTensorInfo? FindInput(string name)
    {
        foreach (var input in Inputs)
        {
            if (input.Name == name)
            {
                return input;
            }
        }

        return null;
    }

    public OrtTensorInfo? FindOutput(string name)
    {
        foreach (var output in Outputs)
        {
            if (output.Name == name)
            {
                return output;
            }
        }

        return null;
    }
}
