using System.Net;
using System.Net.Sockets;

namespace ModelMesh.IntegrationTests.Fixtures;

/// <summary>Asks the OS for a free loopback port (for child processes that need a port on their command line).</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
