using ModelMesh.Host.Cli;

return await ModelMeshCommandLine.Build().Parse(args).InvokeAsync();
