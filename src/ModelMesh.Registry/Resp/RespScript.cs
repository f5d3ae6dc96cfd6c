using System.Security.Cryptography;
using System.Text;

namespace ModelMesh.Registry.Resp;

/// <summary>A Lua script and its SHA1, computed here so EVALSHA needs no SCRIPT LOAD round trip first.</summary>
public sealed class RespScript(string text)
{
    public string Text { get; } = text;

    /// <summary>Lower-case hex SHA1 of <see cref="Text"/>, as Redis names cached scripts.</summary>
#pragma warning disable CA5350 // not security: Redis names cached scripts by their SHA1
    public string Sha1 { get; } = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5350
}
