namespace ModelMesh.Grpc;

/// <summary>Progress of <see cref="LengthPrefixedMessageAssembler"/>.</summary>
internal enum MessageReadStatus
{
    NeedMoreData,
    Complete,
    TooLarge,
    InvalidCompressedFlag,
}
