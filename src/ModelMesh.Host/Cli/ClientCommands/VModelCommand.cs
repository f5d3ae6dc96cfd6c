using System.CommandLine;
using ModelMesh.Contracts.Management;

namespace ModelMesh.Host.Cli.ClientCommands;

/// <summary><c>modelmesh vmodel set|get|delete</c>: stable aliases that point at a model.</summary>
internal static class VModelCommand
{
    public static Command Create()
    {
        var command = new Command("vmodel", "Manage vmodels (stable names that point at a model)") { CreateSet(), CreateGet(), CreateDelete() };
        command.Action = new MissingSubcommandAction();
        return command;
    }

    private static Command CreateSet()
    {
        var vmodelId = new Argument<string>("VMODEL_ID") { Description = "The vmodel (created if absent)" };
        var target = new Option<string>("--target") { Description = "The model it points at", Required = true, HelpName = "MODEL_ID" };
        var owner = new Option<string?>("--owner") { Description = "Who manages this vmodel" };
        var expected = new Option<string?>("--expected-target") { Description = "Only switch if it currently points at this model", HelpName = "MODEL_ID" };
        var command = new Command("set", "Point a vmodel at a model") { vmodelId, target, owner, expected };
        return ClientVerb.Attach(command, async invocation =>
        {
            var status = await invocation.Client.SetVModelAsync(
                invocation.GetRequired(vmodelId),
                invocation.GetRequired(target),
                invocation.Parse.GetValue(owner),
                invocation.Parse.GetValue(expected),
                invocation.Timeout,
                invocation.CancellationToken);
            return await WriteAsync(invocation, status);
        });
    }

    private static Command CreateGet()
    {
        var vmodelId = new Argument<string>("VMODEL_ID") { Description = "The vmodel" };
        var command = new Command("get", "Show a vmodel, its target and the target's status") { vmodelId };
        return ClientVerb.Attach(command, async invocation =>
        {
            var status = await invocation.Client.GetVModelStatusAsync(invocation.GetRequired(vmodelId), invocation.Timeout, invocation.CancellationToken);
            return await WriteAsync(invocation, status);
        });
    }

    private static Command CreateDelete()
    {
        var vmodelId = new Argument<string>("VMODEL_ID") { Description = "The vmodel (its target model stays registered)" };
        var command = new Command("delete", "Delete a vmodel") { vmodelId };
        return ClientVerb.Attach(command, async invocation =>
        {
            var id = invocation.GetRequired(vmodelId);
            var response = await invocation.Client.DeleteVModelAsync(id, invocation.Timeout, invocation.CancellationToken);
            if (invocation.Format == OutputFormat.Json)
            {
                await ProtoJson.WriteAsync(invocation.Out, response);
            }
            else
            {
                await invocation.Out.WriteLineAsync($"Deleted vmodel '{id}'.");
            }

            return ExitCodes.Success;
        });
    }

    private static async Task<int> WriteAsync(ClientInvocation invocation, VModelStatusInfo status)
    {
        if (invocation.Format == OutputFormat.Json)
        {
            await ProtoJson.WriteAsync(invocation.Out, status);
            return ExitCodes.Success;
        }

        await invocation.Out.WriteLineAsync($"VModel:  {status.VmodelId}");
        await invocation.Out.WriteLineAsync($"Target:  {status.TargetModelId}");
        if (status.Owner.Length > 0)
        {
            await invocation.Out.WriteLineAsync($"Owner:   {status.Owner}");
        }

        if (status.TargetStatus is { } target)
        {
            await invocation.Out.WriteLineAsync();
            ModelStatusView.Write(invocation.Out, target);
        }

        return ExitCodes.Success;
    }
}
