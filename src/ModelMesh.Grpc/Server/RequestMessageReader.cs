using System.IO.Pipelines;

namespace ModelMesh.Grpc;

/// <summary>
/// Reads the single request message of a unary call from the request body pipe. Bytes are consumed as they
/// arrive (so HTTP/2 flow control keeps the window open); the length prefix is checked before buffering.
/// </summary>
internal static class RequestMessageReader
{
    /// <summary>Null when <paramref name="assembler"/> holds the message; otherwise the status to answer with.</summary>
    public static async ValueTask<Status?> ReadAsync(PipeReader reader, LengthPrefixedMessageAssembler assembler, int maxSize, CancellationToken cancellationToken)
    {
        var complete = false;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (result.IsCanceled)
            {
                return new Status(StatusCode.Cancelled, "Request body read was cancelled.");
            }

            var buffer = result.Buffer;
            if (!complete)
            {
                var progress = assembler.Consume(ref buffer);
                switch (progress)
                {
                    case MessageReadStatus.TooLarge:
                        reader.AdvanceTo(buffer.Start);
                        return new Status(
                            StatusCode.ResourceExhausted,
                            $"Received message larger than max ({assembler.DeclaredLength} vs. {maxSize})");
                    case MessageReadStatus.InvalidCompressedFlag:
                        reader.AdvanceTo(buffer.Start);
                        return new Status(StatusCode.Internal, "Invalid compressed flag in the request message prefix.");
                    case MessageReadStatus.Complete:
                        complete = true;
                        break;
                }
            }

            if (complete && !buffer.IsEmpty)
            {
                reader.AdvanceTo(buffer.Start);
                return new Status(StatusCode.Internal, "Additional data after the unary request message.");
            }

            if (result.IsCompleted)
            {
                reader.AdvanceTo(buffer.End);
                if (complete)
                {
                    return null;
                }

                return assembler.HasHeader || !buffer.IsEmpty
                    ? new Status(StatusCode.Internal, "Incomplete request message.")
                    : new Status(StatusCode.Internal, "Request did not include a message.");
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
