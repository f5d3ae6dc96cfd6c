using System.Net;
using System.Net.Sockets;

namespace ModelMesh.ClusterTests.Fixtures;

/// <summary>A free loopback port for a child process to listen on (see ListenPort: outside the ephemeral range).</summary>
internal static class FreePort
{
    public static int Next() => ModelMesh.Testing.Ports.ListenPort.Next();

    public static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
