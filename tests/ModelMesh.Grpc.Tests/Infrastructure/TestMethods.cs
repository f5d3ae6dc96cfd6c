using System.Globalization;
using System.Text;
using Google.Protobuf.WellKnownTypes;

namespace ModelMesh.Grpc.Tests;

/// <summary>The methods our test servers expose (same names and behaviour as Interop/grpc_server.py).</summary>
internal static class TestMethods
{
    public const string Echo = "/test.Echo/Echo";
    public const string Fail = "/test.Echo/Fail";
    public const string Wait = "/test.Echo/Wait";
    public const string Size = "/test.Echo/Size";
    public const string Headers = "/test.Echo/Headers";
    public const string Throw = "/test.Echo/Throw";
    public const string Encoding = "/test.Echo/Encoding";
    public const string SetStatus = "/test.Echo/SetStatus";
    public const string Unknown = "/test.Echo/Nope";

    public static readonly Method<StringValue, StringValue> Upper = new(
        "test.Typed", "Upper", Marshallers.Protobuf<StringValue>(), Marshallers.Protobuf<StringValue>());

    public const string UnicodeDetail = "naïve 日本語 ✓ 100% \u00e9\t\"quoted\" 🎉";

    public static GrpcMethodRegistry CreateRegistry()
    {
        var registry = new GrpcMethodRegistry();
        registry.AddRawUnary(Echo, static (request, _) => ValueTask.FromResult<ReadOnlyMemory<byte>>(request.ToArray()));
        registry.AddRawUnary(Fail, FailAsync);
        registry.AddRawUnary(Wait, WaitAsync);
        registry.AddRawUnary(Size, static (request, _) =>
            ValueTask.FromResult<ReadOnlyMemory<byte>>(Pattern(int.Parse(System.Text.Encoding.ASCII.GetString(request.Span), CultureInfo.InvariantCulture))));
        registry.AddRawUnary(Headers, HeadersAsync);
        registry.AddRawUnary(Throw, static (_, _) => throw new InvalidOperationException("secret internal detail"));
        registry.AddRawUnary(Encoding, static (_, context) =>
            ValueTask.FromResult<ReadOnlyMemory<byte>>(System.Text.Encoding.ASCII.GetBytes(context.HttpContext.Request.Headers["grpc-encoding"].ToString())));
        registry.AddRawUnary(SetStatus, static (_, context) =>
        {
            context.Status = new Status(StatusCode.NotFound, "no such model");
            return ValueTask.FromResult(ReadOnlyMemory<byte>.Empty);
        });
        registry.AddUnary(Upper, static (request, _) => Task.FromResult(new StringValue { Value = request.Value.ToUpperInvariant() }));
        return registry;
    }

    /// <summary>Deterministic bytes (also produced by the python scripts) so payloads can be compared.</summary>
    public static byte[] Pattern(int length)
    {
        var data = new byte[length];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (byte)(i % 251);
        }

        return data;
    }

    public static byte[] FailRequest(StatusCode code, string detail) =>
        System.Text.Encoding.UTF8.GetBytes(((int)code).ToString(CultureInfo.InvariantCulture) + "|" + detail);

    private static ValueTask<ReadOnlyMemory<byte>> FailAsync(ReadOnlyMemory<byte> request, ServerCallContext context)
    {
        var text = System.Text.Encoding.UTF8.GetString(request.Span);
        var separator = text.IndexOf('|', StringComparison.Ordinal);
        var code = (StatusCode)int.Parse(text[..separator], CultureInfo.InvariantCulture);
        var trailers = new Metadata { { "detail-bin", new byte[] { 0, 1, 2, 255 } } };
        throw new RpcException(new Status(code, text[(separator + 1)..]), trailers);
    }

    private static async ValueTask<ReadOnlyMemory<byte>> WaitAsync(ReadOnlyMemory<byte> request, ServerCallContext context)
    {
        var probe = CallProbe.Get(System.Text.Encoding.ASCII.GetString(request.Span));
        probe.Deadline = context.Deadline;
        using var registration = context.CancellationToken.Register(static state => ((CallProbe)state!).TokenFired.TrySetResult(), probe);
        probe.Started.TrySetResult();
        await Task.Delay(Timeout.Infinite, context.CancellationToken);
        return ReadOnlyMemory<byte>.Empty;
    }

    private static async ValueTask<ReadOnlyMemory<byte>> HeadersAsync(ReadOnlyMemory<byte> request, ServerCallContext context)
    {
        var responseHeaders = new Metadata { { "x-header", "from-server" } };
        await context.WriteResponseHeadersAsync(responseHeaders);
        context.ResponseTrailers.Add("x-trailer", "trailer-value");
        context.ResponseTrailers.Add("x-trailer-bin", new byte[] { 9, 8, 7 });
        var echo = context.RequestHeaders.GetValue("x-echo") ?? "<none>";
        var binary = context.RequestHeaders.GetValueBytes("x-data-bin") ?? [];
        return System.Text.Encoding.UTF8.GetBytes(echo + "|" + Convert.ToHexString(binary));
    }
}
