using System.Collections.Concurrent;

namespace ModelMesh.Grpc;

/// <summary>One <see cref="GrpcChannel"/> per address (host:port), created on first use and shared by all callers.</summary>
public sealed class GrpcChannelPool(GrpcChannelOptions? options = null) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<GrpcChannel>> _channels = new(StringComparer.Ordinal);

    /// <summary>The channel for <paramref name="address"/> ("host:port" or a full http(s) URI).</summary>
    public GrpcChannel Get(string address) =>
        _channels.GetOrAdd(address, a => new Lazy<GrpcChannel>(() =>
            GrpcChannel.ForAddress(a.Contains("://", StringComparison.Ordinal) ? a : "http://" + a, options))).Value;

    /// <summary>Closes and forgets the channel of an address that went away.</summary>
    public void Remove(string address)
    {
        if (_channels.TryRemove(address, out var channel) && channel.IsValueCreated)
        {
            channel.Value.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var channel in _channels.Values)
        {
            if (channel.IsValueCreated)
            {
                channel.Value.Dispose();
            }
        }

        _channels.Clear();
    }
}
