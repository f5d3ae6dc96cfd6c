using System.CommandLine;
using Microsoft.Extensions.Options;
using ModelMesh.Host.Cli.ClientCommands;
using ModelMesh.Host.Roles;
using ModelMesh.Storage;
using ModelMesh.Storage.Config;

namespace ModelMesh.Host.Cli;

/// <summary>
/// <c>--storage-config PATH</c> (dev, silo, frontdoor: the front door checks storage keys at registration) and, on roles
/// that load models, <c>--model-cache-dir DIR</c> and <c>--model-cache-size SIZE</c>. The flags win over the
/// <c>ModelMesh__Storage__*</c> environment settings.
/// </summary>
public sealed class StorageFlags
{
    private readonly Option<string?> _config = new("--storage-config")
    {
        Description = "Storage credentials: a directory with one JSON file per storage key (a mounted storage-config Secret) or one JSON file mapping keys to entries",
        HelpName = "PATH",
    };

    private readonly Option<string?> _cacheDir = new("--model-cache-dir")
    {
        Description = "Where downloaded models are kept, one folder per silo (default ~/.cache/modelmesh/models)",
        HelpName = "DIR",
    };

    private readonly Option<string?> _cacheSize = new("--model-cache-size")
    {
        Description = "Size limit of each silo's model cache, e.g. 20GiB (least recently used files not in use are deleted)",
        HelpName = "SIZE",
    };

    private bool _loadsModels;

    public static StorageFlags AddTo(Command command, bool loadsModels)
    {
        ArgumentNullException.ThrowIfNull(command);
        var flags = new StorageFlags { _loadsModels = loadsModels };
        command.Options.Add(flags._config);
        if (loadsModels)
        {
            command.Options.Add(flags._cacheDir);
            command.Options.Add(flags._cacheSize);
        }

        return flags;
    }

    /// <summary>The validated options and the loaded storage config; <see cref="FormatException"/> naming the problem (exit 2).</summary>
    public (StorageOptions Options, StorageConfig Config) Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var options = ModelMeshSettings.Bind(new StorageOptions(), StorageOptions.SectionName);
        options.StorageConfigPath = parse.GetValue(_config) ?? options.StorageConfigPath;
        if (_loadsModels)
        {
            options.CacheDirectory = parse.GetValue(_cacheDir) is { } dir ? Path.GetFullPath(dir) : options.CacheDirectory;
            if (parse.GetValue(_cacheSize) is { } size)
            {
                options.CacheSizeLimitBytes = ByteSize.Parse(size);
            }
        }

        try
        {
            StorageOptionsValidator.Require(options);
            var config = options.StorageConfigPath is { } path ? StorageConfig.Load(path) : StorageConfig.Empty;
            return (options, config);
        }
        catch (Exception e) when (e is OptionsValidationException or StorageConfigException)
        {
            throw new FormatException(e.Message, e);
        }
    }
}
