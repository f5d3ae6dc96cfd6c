namespace ModelMesh.Metrics.Tests.Infrastructure;

/// <summary>A free loopback port for a child process to listen on (see ListenPort: outside the ephemeral range).</summary>
internal static class FreePort
{
    public static int Next() => ModelMesh.Testing.Ports.ListenPort.Next();
}
