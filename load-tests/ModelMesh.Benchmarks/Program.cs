using ModelMesh.Benchmarks.Cli;

return await BenchmarkCommandLine.Build().Parse(args).InvokeAsync();
