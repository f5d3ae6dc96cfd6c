using Microsoft.Extensions.Options;

namespace ModelMesh.Storage;

/// <summary>Refuses storage options that cannot work, naming the setting.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.CacheDirectory))
        {
            failures.Add("CacheDirectory must be set");
        }

        if (options.CacheSizeLimitBytes <= 0)
        {
            failures.Add($"CacheSizeLimitBytes must be positive (got {options.CacheSizeLimitBytes})");
        }

        if (options.DownloadTimeout <= TimeSpan.Zero)
        {
            failures.Add($"DownloadTimeout must be positive (got {options.DownloadTimeout})");
        }

        if (options.MaxAttempts is < 1 or > 20)
        {
            failures.Add($"MaxAttempts must be in [1, 20] (got {options.MaxAttempts})");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero || options.RetryMaxDelay < options.RetryBaseDelay)
        {
            failures.Add($"RetryBaseDelay must be >= 0 and RetryMaxDelay >= RetryBaseDelay (got {options.RetryBaseDelay}, {options.RetryMaxDelay})");
        }

        if (options.ProgressLogBytes <= 0)
        {
            failures.Add($"ProgressLogBytes must be positive (got {options.ProgressLogBytes})");
        }

        if (string.IsNullOrWhiteSpace(options.PvcMountRoot))
        {
            failures.Add("PvcMountRoot must be set");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(failures.Select(f => $"{StorageOptions.SectionName}:{f}"));
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> listing every problem.</summary>
    public static StorageOptions Require(StorageOptions options)
    {
        var result = new StorageOptionsValidator().Validate(null, options);
        return result.Failed ? throw new OptionsValidationException(string.Empty, typeof(StorageOptions), result.Failures) : options;
    }
}
