namespace ContactMetrics.Samples.Tests;

/// <summary>
/// The CLI stays thin (#12 "done when": at most 2,500 lines of C#): it parses, calls the library and prints; a figure's
/// layout, a model's conventions or a file format belong in a library project that code and notebooks can call too.
/// </summary>
public class ThinCliTests
{
    /// <summary>The limit of issue #12.</summary>
    private const int MaxLines = 2_500;

    [Fact]
    public void Cli_HoldsAtMost2500LinesOfCSharp()
    {
        string cli = Repository.Path("src", "ContactMetrics.Cli");
        string[] build = [$"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", $"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"];
        var files = Directory.EnumerateFiles(cli, "*.cs", SearchOption.AllDirectories)
            .Where(f => !build.Any(b => f[cli.Length..].Contains(b, StringComparison.Ordinal)))
            .ToList();
        files.Should().NotBeEmpty();
        // Lines as wc -l counts them: every line, blank and comment lines too.
        var lines = files.ToDictionary(f => Path.GetRelativePath(cli, f), f => File.ReadLines(f).Count());
        lines.Values.Sum().Should().BeLessThanOrEqualTo(MaxLines,
            "the CLI only parses, calls the library and prints; the largest files: "
            + string.Join(", ", lines.OrderByDescending(kv => kv.Value).Take(5).Select(kv => $"{kv.Key} {kv.Value}")));
    }
}
