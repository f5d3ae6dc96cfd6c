using Microsoft.Extensions.Options;
using ModelMesh.Placement;

namespace ModelMesh.Orleans.Routing;

/// <summary>Validates the scale-up thresholds the copy count grain uses, with <see cref="PlacementOptions.Validate"/>'s rules.</summary>
public sealed class PlacementOptionsValidator : IValidateOptions<PlacementOptions>
{
    public ValidateOptionsResult Validate(string? name, PlacementOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (InvalidOperationException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }
}
