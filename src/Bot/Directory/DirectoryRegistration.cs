using ScrBot.Domain.Boards;

namespace ScrBot.Bot.Boards;

public static class DirectoryRegistration
{
    /// <summary>The file used in local development when <c>Directory__Path</c> is not set.</summary>
    public const string LocalFile = "config/directory.local.json";

    /// <summary>
    /// Loads the board directory now, so that an invalid file stops start-up, and registers it as a singleton.
    /// Without the <c>Directory__Path</c> setting, development uses <see cref="LocalFile"/> (found from the content
    /// root upwards); any other environment refuses to start.
    /// </summary>
    public static IServiceCollection AddBoardDirectory(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var directory = DirectoryFile.Load(ResolvePath(configuration, environment));
        services.AddSingleton(directory);
        return services;
    }

    public static string ResolvePath(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration[DirectoryFile.PathSetting];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.IsPathRooted(configured) ? configured : Path.GetFullPath(Path.Combine(environment.ContentRootPath, configured));
        }

        if (environment.IsDevelopment())
        {
            for (var dir = new DirectoryInfo(environment.ContentRootPath); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, LocalFile);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return "";
    }
}
