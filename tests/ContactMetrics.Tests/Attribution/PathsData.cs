using ContactMetrics.Attribution;

namespace ContactMetrics.Tests.Attribution;

/// <summary>paths_1m.csv, read from ../shared/data next to the repository root (see /work/shared/data/README.md); never copied into the repository.</summary>
internal static class PathsData
{
    private static readonly Lazy<PathSummary> Lazy = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ContactMetrics.sln")))
            {
                string file = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "paths_1m.csv"));
                if (!File.Exists(file))
                {
                    throw new FileNotFoundException($"The reference data paths_1m.csv is expected at {file}.", file);
                }
                using var reader = File.OpenText(file);
                return PathSummaryReader.Read(reader);
            }
        }
        throw new InvalidOperationException("ContactMetrics.sln not found above the test's directory.");
    });

    public static PathSummary Paths1M => Lazy.Value;
}
