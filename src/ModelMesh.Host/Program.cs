using System.CommandLine;
using ModelMesh.Host.Cli;

// Ctrl+C / SIGTERM cancel the command's token; a silo then drains (up to its drain timeout) before exiting.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(90) };
return await ModelMeshCommandLine.Build().Parse(args, ModelMesh.Host.Cli.ClientCommands.ClientCommands.ParserConfiguration).InvokeAsync(invocation);
