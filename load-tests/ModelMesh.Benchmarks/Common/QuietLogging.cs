using Microsoft.Extensions.Logging;

namespace ModelMesh.Benchmarks.Common;

/// <summary>Logging for hosts started by a benchmark: warnings and errors only, so the console keeps the tables.</summary>
public static class QuietLogging
{
    public static void Configure(ILoggingBuilder logging) => logging.SetMinimumLevel(LogLevel.Warning);
}
