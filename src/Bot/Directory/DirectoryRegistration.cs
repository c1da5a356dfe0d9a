using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ScrBot.Bot.Hosting;
using ScrBot.Domain.Boards;

namespace ScrBot.Bot.Boards;

public static class DirectoryRegistration
{
    /// <summary>The file used in local development when <c>Directory__Path</c> is not set.</summary>
    public const string LocalFile = "config/directory.local.json";

    /// <summary>
    /// Registers the <see cref="BoardDirectory"/>, read from the file named by <c>Directory__Path</c> when it is
    /// first needed (the router needs it at start-up, so an invalid file stops start-up with a message naming the
    /// problem). Without the setting, development uses <see cref="LocalFile"/> found from the content root upwards;
    /// any other environment refuses to start.
    /// </summary>
    public static IServiceCollection AddBoardDirectory(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var path = ResolvePath(sp.GetRequiredService<DirectorySettings>().Path, sp.GetRequiredService<IHostEnvironment>());
            try
            {
                return DirectoryFile.Load(path);
            }
            catch (BoardDirectoryFileException e)
            {
                throw new SettingsException([e.Message]);
            }
        });
        return services;
    }

    public static string ResolvePath(string? configured, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
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
