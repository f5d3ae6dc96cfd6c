using System.CommandLine;
using ModelMesh.Benchmarks.Sizing;

namespace ModelMesh.Benchmarks.Cli;

/// <summary><c>sizing-probe</c> (internal, started by <c>sizing</c>): loads one model in this fresh process and prints a PROBE line.</summary>
public static class SizingProbeCommand
{
    public static Command Create()
    {
        var name = new Option<string>("--name") { Required = true };
        var file = new Option<string>("--file") { Required = true };
        var warmup = new Option<string>("--warmup-file") { Required = true };
        var shape = new Option<string>("--shape") { Required = true, Description = "Input shape, comma-separated" };
        var command = new Command("sizing-probe", "Internal: one model's sizing measurement in a fresh process (started by 'sizing')")
        {
            name, file, warmup, shape,
        };
        command.Hidden = true;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var dims = parse.GetValue(shape)!.Split(',').Select(d => long.Parse(d, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            var result = await SizingProbe.RunAsync(parse.GetValue(name)!, parse.GetValue(file)!, parse.GetValue(warmup)!, dims, cancellationToken);
            Console.WriteLine(SizingProbe.Serialize(result));
            return 0;
        });
        return command;
    }
}
