using System.Runtime.CompilerServices;
using System.Text;

namespace ModelMesh.Placement.Tests.Simulation;

/// <summary>
/// Builds an invariant's message only when the invariant is broken, so checking after every step costs no
/// string formatting (the checks run hundreds of thousands of times).
/// </summary>
[InterpolatedStringHandler]
internal ref struct FailureMessageHandler
{
    private readonly StringBuilder? _builder;

    public FailureMessageHandler(int literalLength, int formattedCount, bool condition, out bool shouldAppend)
    {
        _ = formattedCount;
        shouldAppend = !condition;
        _builder = condition ? null : new StringBuilder(literalLength);
    }

    public readonly void AppendLiteral(string value) => _builder?.Append(value);

    public readonly void AppendFormatted<T>(T value) => _builder?.Append(value);

    public override readonly string ToString() => _builder?.ToString() ?? "";
}
