namespace ModelMesh.Onnx.Authoring;

/// <summary>One dimension of a declared input/output shape: a fixed size or a symbolic name such as "batch".</summary>
public readonly record struct OnnxDimension
{
    private OnnxDimension(long? size, string? symbol)
    {
        Size = size;
        Symbol = symbol;
    }

    public long? Size { get; }

    public string? Symbol { get; }

    public static OnnxDimension Fixed(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return new OnnxDimension(size, null);
    }

    public static OnnxDimension Symbolic(string symbol)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        return new OnnxDimension(null, symbol);
    }

    public static implicit operator OnnxDimension(long size) => Fixed(size);

    public static implicit operator OnnxDimension(string symbol) => Symbolic(symbol);

    public override string ToString() => Symbol ?? Size?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?";
}
