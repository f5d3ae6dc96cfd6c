namespace ModelMesh.Client.Tests.Cli;

/// <summary>Bad command lines exit 2 with the reason on stderr, before any call is made.</summary>
public class UsageErrorTests
{
    // Port 1 on loopback: nothing listens, so a verb that got as far as calling would exit 1, not 2.
    private const string Nowhere = "127.0.0.1:1";

    [Theory]
    [InlineData("Required argument missing", "register", "--storage-uri", "file:///m")]
    [InlineData("Option '--storage-uri' is required", "register", "m")]
    [InlineData("Invalid size '12QB'", "register", "m", "--storage-uri", "file:///m", "--size-hint", "12QB")]
    [InlineData("Argument 'tpu' not recognized", "register", "m", "--storage-uri", "file:///m", "--device-class", "tpu")]
    [InlineData("Label 'zone' is not k=v", "register", "m", "--storage-uri", "file:///m", "--label", "zone")]
    [InlineData("unrecognized argument '--bogus'", "list", "--bogus")]
    [InlineData("unrecognized argument 'extra'", "status", "m", "extra")]
    [InlineData("Argument 'yaml' not recognized", "list", "--output", "yaml")]
    [InlineData("--timeout must be a positive number", "list", "--timeout", "0")]
    [InlineData("Cannot parse argument 'soon'", "list", "--timeout", "soon")]
    [InlineData("Option '--input' is required", "infer", "m")]
    [InlineData("Option '--target' is required", "vmodel", "set", "v")]
    [InlineData("'vmodel' needs a subcommand: set, get, delete", "vmodel")]
    [InlineData("unknown subcommand 'frob' of 'vmodel'", "vmodel", "frob")]
    [InlineData("Unrecognized command or argument '--endpoint'", "vmodel", "--endpoint", "x", "get", "v")]
    public async Task Verb_BadUsage_ExitsTwoWithReasonOnStderr(string reason, params string[] args)
    {
        // The vmodel group itself takes no options; its subcommands and the other verbs take --endpoint.
        string[] endpoint = args is ["vmodel"] or ["vmodel", "frob"] ? [] : ["--endpoint", Nowhere];
        var run = await CliRun.InvokeAsync([.. args, .. endpoint]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal(string.Empty, run.Out);
        Assert.Contains(reason, run.Error, StringComparison.Ordinal);
        Assert.Contains("--help' for usage.", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://host")]
    [InlineData("host:port")]
    public async Task Verb_BadEndpoint_ExitsTwo(string endpoint)
    {
        var run = await CliRun.InvokeAsync("list", "--endpoint", endpoint);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"Endpoint '{endpoint}'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verb_NothingListening_ExitsOneWithUnavailable()
    {
        var run = await CliRun.InvokeAsync("list", "--endpoint", Nowhere, "--timeout", "5");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: UNAVAILABLE: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsClientVerbs()
    {
        var run = await CliRun.InvokeAsync("--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var verb in new[] { "register", "unregister", "status", "list", "cluster", "infer", "vmodel" })
        {
            Assert.Contains("  " + verb, run.Out, StringComparison.Ordinal);
        }
    }
}
