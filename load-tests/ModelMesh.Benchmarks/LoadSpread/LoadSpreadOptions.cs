namespace ModelMesh.Benchmarks.LoadSpread;

/// <summary>
/// Settings of <c>load-spread</c>: the cluster (silos, each silo's loading slots and capacity), the burst (how many
/// distinct cold models, how large) and how many rounds per placement mode.
/// </summary>
public sealed record LoadSpreadOptions(int Silos, int LoadSlots, long SiloCapacityBytes, int Models, long ModelBytes, int Rounds);
