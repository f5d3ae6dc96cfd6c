using System.Collections.Concurrent;

namespace ModelMesh.Grpc;

/// <summary>The unary methods a server answers, keyed by full name (<c>/pkg.Service/Method</c>).</summary>
public sealed class GrpcMethodRegistry
{
    private readonly ConcurrentDictionary<string, ServerMethodInvoker> _methods = new(StringComparer.Ordinal);

    public int Count => _methods.Count;

    public void AddUnary<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(handler);
        Add(new UnaryMethodInvoker<TRequest, TResponse>(method, handler));
    }

    public void AddRawUnary(string fullName, RawUnaryServerMethod handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(fullName);
        ArgumentNullException.ThrowIfNull(handler);
        if (fullName[0] != '/' || fullName.IndexOf('/', 1) < 2)
        {
            throw new ArgumentException($"'{fullName}' is not a full method name like /pkg.Service/Method.", nameof(fullName));
        }

        Add(new RawUnaryMethodInvoker(fullName, handler));
    }

    internal bool TryGet(string? fullName, out ServerMethodInvoker? invoker)
    {
        invoker = null;
        return fullName is not null && _methods.TryGetValue(fullName, out invoker);
    }

    internal ICollection<ServerMethodInvoker> Snapshot() => _methods.Values;

    private void Add(ServerMethodInvoker invoker)
    {
        if (!_methods.TryAdd(invoker.FullName, invoker))
        {
            throw new InvalidOperationException($"A handler for {invoker.FullName} is already registered.");
        }
    }
}
