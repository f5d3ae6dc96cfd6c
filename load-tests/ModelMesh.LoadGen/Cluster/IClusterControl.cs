using ModelMesh.LoadGen.Scenarios;

namespace ModelMesh.LoadGen.Cluster;

/// <summary>Carries out a scenario action (kill a silo, stop one gracefully, run a command) and says what happened.</summary>
public interface IClusterControl
{
    Task<string> ActAsync(ActionSpec action, CancellationToken cancellationToken);
}
