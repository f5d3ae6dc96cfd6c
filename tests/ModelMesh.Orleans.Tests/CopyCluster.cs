using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using ModelMesh.Onnx;
using ModelMesh.Orleans.Board;
using ModelMesh.Orleans.Cache;
using ModelMesh.Orleans.Copies;
using ModelMesh.Orleans.Hosting;
using ModelMesh.Orleans.Registrations;
using ModelMesh.Silo;
using ModelMesh.Testing;
using Microsoft.Extensions.Hosting;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace ModelMesh.Orleans.Tests;

/// <summary>
/// An in-process Orleans cluster (Microsoft.Orleans.TestingHost: real silos, in-memory transport, test membership)
/// whose silos run the model copies with per-silo options. Only silo 0 is a gateway, so every call from the test's
/// client is placed by silo 0's director. Registrations point at the repo's sample ONNX models written to a temp folder.
/// </summary>
internal sealed class CopyCluster : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly string _models;

    private CopyCluster(InProcessTestCluster cluster, InMemoryModelRegistrations registrations, string models)
    {
        Cluster = cluster;
        Registrations = registrations;
        _models = models;
    }

    public InProcessTestCluster Cluster { get; }

    public InMemoryModelRegistrations Registrations { get; }

    public IClusterClient Client => Cluster.Client;

    public IReadOnlyList<InProcessSiloHandle> Silos => Cluster.Silos;

    /// <summary>Starts one silo per entry of <paramref name="silos"/>, each configured by it (after the test defaults).</summary>
    public static Task<CopyCluster> StartAsync(params Action<CopyCacheOptions>[] silos) => StartAsync(null, silos);

    /// <summary>
    /// As above; <paramref name="configure"/> adds to each silo (given its host builder and index) after the model copies.
    /// </summary>
    public static async Task<CopyCluster> StartAsync(Action<IHostApplicationBuilder, ISiloBuilder, int>? configure, params Action<CopyCacheOptions>[] silos)
    {
        var models = Directory.CreateTempSubdirectory("mm-orleans-").FullName;
        SampleModels.WriteAll(models);
        var registrations = new InMemoryModelRegistrations();
        var builder = new InProcessTestClusterBuilder((short)silos.Length);
        builder.Options.ConfigureFileLogging = false;
        builder.Options.GatewayPerSilo = false;
        builder.ConfigureSiloHost((siloOptions, host) =>
        {
            var index = int.Parse(siloOptions.SiloName.AsSpan("Silo_".Length), CultureInfo.InvariantCulture);
            host.Services.AddSingleton<IModelRegistrations>(registrations);
            host.UseOrleans(silo =>
            {
                silo.AddModelCopies(options =>
                {
                    options.CpuCapacityBytes = 64L << 20;
                    options.MaxConcurrentRuns = 2;
                    silos[index](options);
                });
                configure?.Invoke(host, silo, index);
            });
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        var result = new CopyCluster(cluster, registrations, models);
        await result.WaitForBoardsAsync();
        return result;
    }

    /// <summary>Registers <paramref name="modelId"/> as one of the sample models.</summary>
    public void Register(string modelId, string sample = SampleModels.Simple, long sizeHintBytes = 0) =>
        Registrations.Register(new ModelRegistration(modelId, SamplePath(sample), sizeHintBytes));

    public string SamplePath(string sample) => Path.Combine(_models, sample, "1", "model.onnx");

    public IModelCopyGrain Copy(string modelId, int copy = 0) => Client.GetGrain<IModelCopyGrain>($"{modelId}/{copy}");

    public T Service<T>(int silo)
        where T : notnull => Silos[silo].SiloHost.Services.GetRequiredService<T>();

    public SiloCopyCache Cache(int silo) => Service<SiloCopyCache>(silo);

    public int IndexOf(SiloAddress address)
    {
        for (var i = 0; i < Silos.Count; i++)
        {
            if (Silos[i].SiloAddress.Equals(address))
            {
                return i;
            }
        }

        throw new InvalidOperationException($"{address} is not a silo of this cluster");
    }

    /// <summary>Waits until silo 0 (the gateway, whose director places the client's calls) has every silo's publication.</summary>
    public Task WaitForBoardsAsync() =>
        Eventually.Until(() => Silos.All(s => Service<CapacityBoard>(0).TryGet(s.SiloAddress, out _)), Patience,
            "silo 0's capacity board lists every silo");

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        try
        {
            Directory.Delete(_models, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
