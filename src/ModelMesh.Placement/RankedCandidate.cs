namespace ModelMesh.Placement;

/// <summary>Scratch form of a candidate with the keys it is ranked by (a struct: no allocation per silo).</summary>
internal readonly record struct RankedCandidate(
    string SiloId,
    string Device,
    bool FitsNow,
    bool LoadSlotsFull,
    int LoadsInProgress,
    long LeftAfterPlacing,
    long BytesToEvict,
    int InFlight,
    int LoadedCount,
    DateTimeOffset OldestLruAt);
