using ModelMesh.LoadGen.Cli;

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(RunArguments.Usage);
    return 0;
}

if (args[0] != "run")
{
    Console.Error.WriteLine($"Unknown command '{args[0]}'.\n{RunArguments.Usage}");
    return 2;
}

try
{
    var arguments = RunArguments.Parse(args[1..]);
    using var cancel = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        cancel.Cancel();
    };
    return await RunCommand.RunAsync(arguments, "dotnet run -c Release --project load-tests/ModelMesh.LoadGen -- " + string.Join(' ', args), cancel.Token);
}
catch (FormatException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}
