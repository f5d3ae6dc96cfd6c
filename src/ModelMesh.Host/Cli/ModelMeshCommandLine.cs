using System.CommandLine;

namespace ModelMesh.Host.Cli;

/// <summary>The <c>modelmesh</c> command line: one executable, one subcommand per role or client verb.</summary>
public static class ModelMeshCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("ModelMesh: multi-model ONNX inference serving over the KServe V2 protocol");
        root.Subcommands.Add(DevCommand.Create());
        root.Subcommands.Add(SiloCommand.Create());
        root.Subcommands.Add(FrontDoorCommand.Create());
        root.Subcommands.Add(ControllerCommand.Create());
        ClientCommands.ClientCommands.AddTo(root);
        return root;
    }
}
