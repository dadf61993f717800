namespace ContactMetrics.Samples.Tests;

/// <summary>Paths in the repository (found from the test assembly's location) and the shared reference data beside it.</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "ContactMetrics.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No ContactMetrics.sln above the test assembly at {AppContext.BaseDirectory}.");
    });

    public static string Root => RootPath.Value;

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>A file of ../shared/data beside the repository, as the other test projects read it.</summary>
    public static string SharedData(string file)
    {
        string path = System.IO.Path.GetFullPath(System.IO.Path.Combine(Root, "..", "shared", "data", file));
        return File.Exists(path) ? path : throw new FileNotFoundException($"Reference data {file} is read from ../shared/data beside the repository; it is missing.", path);
    }
}
