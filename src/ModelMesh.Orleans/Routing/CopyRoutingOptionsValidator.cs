using Microsoft.Extensions.Options;

namespace ModelMesh.Orleans.Routing;

public sealed class CopyRoutingOptionsValidator : IValidateOptions<CopyRoutingOptions>
{
    public ValidateOptionsResult Validate(string? name, CopyRoutingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string Section = CopyRoutingOptions.SectionName;
        if (options.MaxAttempts < 1)
        {
            failures.Add($"{Section}:MaxAttempts must be at least 1 (got {options.MaxAttempts}).");
        }

        if (options.FailedLoadsBeforeGivingUp < 1)
        {
            failures.Add($"{Section}:FailedLoadsBeforeGivingUp must be at least 1 (got {options.FailedLoadsBeforeGivingUp}).");
        }

        if (options.SuspectPeriod < TimeSpan.Zero)
        {
            failures.Add($"{Section}:SuspectPeriod must not be negative (got {options.SuspectPeriod}).");
        }

        if (options.RetryBackoff <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:RetryBackoff must be positive (got {options.RetryBackoff}).");
        }

        if (options.ReportInterval <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:ReportInterval must be positive (got {options.ReportInterval}).");
        }

        if (options.SpareIdleAge <= options.ReportInterval)
        {
            failures.Add($"{Section}:SpareIdleAge must be longer than ReportInterval (got {options.SpareIdleAge} and {options.ReportInterval}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
