namespace ModelMesh.Serving;

/// <summary>Shape arithmetic with overflow checks and formatting for error messages.</summary>
public static class TensorShapes
{
    /// <summary>Largest tensor byte size accepted (2 GiB - 1: ONNX Runtime and protobuf bytes fields are int-sized).</summary>
    public const long MaxTensorBytes = int.MaxValue;

    public static string Format(IReadOnlyList<long> shape) => "[" + string.Join(",", shape) + "]";

    /// <summary>Element count of a concrete shape, or -1 when a dim is negative or the product overflows <paramref name="limit"/>.</summary>
    public static long ElementCount(IReadOnlyList<long> shape, long limit = MaxTensorBytes)
    {
        long count = 1;
        foreach (var dim in shape)
        {
            if (dim < 0)
            {
                return -1;
            }

            if (dim != 0 && count > limit / dim)
            {
                return -1;
            }

            count *= dim;
        }

        return count;
    }

    /// <summary>Whether a concrete request shape matches a model shape (-1 in the model matches any size).</summary>
    public static bool Matches(IReadOnlyList<long> modelShape, IReadOnlyList<long> requestShape)
    {
        if (modelShape.Count != requestShape.Count)
        {
            return false;
        }

        for (var i = 0; i < modelShape.Count; i++)
        {
            if (modelShape[i] >= 0 && modelShape[i] != requestShape[i])
            {
                return false;
            }
        }

        return true;
    }
}
