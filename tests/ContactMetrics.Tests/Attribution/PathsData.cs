using ContactMetrics.Attribution;

namespace ContactMetrics.Tests.Attribution;

/// <summary>paths_1m.csv, read from ../shared/data next to the repository root (see /work/shared/data/README.md); never copied into the repository.</summary>
internal static class PathsData
{
    private static readonly Lazy<string> LazyFile = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ContactMetrics.sln")))
            {
                string file = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "paths_1m.csv"));
                return File.Exists(file) ? file : throw new FileNotFoundException($"The reference data paths_1m.csv is expected at {file}.", file);
            }
        }
        throw new InvalidOperationException("ContactMetrics.sln not found above the test's directory.");
    });

    private static readonly Lazy<PathSummary> Lazy = new(() =>
    {
        using var reader = File.OpenText(Paths1MFile);
        return PathSummaryReader.Read(reader);
    });

    /// <summary>The file's full path.</summary>
    public static string Paths1MFile => LazyFile.Value;

    public static PathSummary Paths1M => Lazy.Value;
}
