namespace ModelMesh.Orleans.Copies;

/// <summary>
/// A copy's answer to an inference: the serialized V2 <c>ModelInferResponse</c> (<see cref="Value"/>, not parsed on the
/// way back) and the name of the silo that ran it, so the caller's access log and traces name it without asking.
/// </summary>
[GenerateSerializer, Immutable]
public sealed class CopyAnswer
{
    [Id(0)]
    public required byte[] Value { get; init; }

    [Id(1)]
    public string Silo { get; init; } = "";
}
