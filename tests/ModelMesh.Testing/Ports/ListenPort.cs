using System.Net;
using System.Net.Sockets;

namespace ModelMesh.Testing.Ports;

/// <summary>
/// A loopback port for a child process (redis-server, a modelmesh role) to listen on. Chosen below Linux's ephemeral
/// range (32768-60999): a port the OS hands out for port 0 goes back into the pool every process draws its outgoing
/// connections from, so another test's connection could take it before the child binds it (CI saw "address already
/// in use"). Random in [20000, 32000), checked bindable, never handed out twice by this process.
/// </summary>
public static class ListenPort
{
    private const int First = 20000;
    private const int Count = 12000;
    private static readonly HashSet<int> Given = [];

    public static int Next()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = First + Random.Shared.Next(Count);
            lock (Given)
            {
                if (Given.Contains(port) || !Bindable(port))
                {
                    continue;
                }

                Given.Add(port);
                return port;
            }
        }

        throw new InvalidOperationException($"no free port in [{First}, {First + Count}) after 200 tries");
    }

    private static bool Bindable(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
