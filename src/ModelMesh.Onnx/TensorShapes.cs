namespace ModelMesh.Onnx;

/// <summary>Shape arithmetic shared by the tensor types.</summary>
internal static class TensorShapes
{
    /// <summary>Product of the dimensions; throws <see cref="ArgumentException"/> for negative dims or overflow.</summary>
    public static long ElementCount(long[] shape, string tensorName)
    {
        long count = 1;
        foreach (var dim in shape)
        {
            if (dim < 0)
            {
                throw new ArgumentException($"Tensor '{tensorName}': shape [{string.Join(",", shape)}] has a negative dimension.", nameof(shape));
            }

            try
            {
                count = checked(count * dim);
            }
            catch (OverflowException)
            {
                throw new ArgumentException($"Tensor '{tensorName}': shape [{string.Join(",", shape)}] overflows.", nameof(shape));
            }
        }

        return count;
    }
}
