namespace ContactMetrics.Reporting.Tests;

/// <summary>
/// A fact that needs Debian's chromium (<see cref="Path"/>). Without it the test is skipped with the reason, except on CI
/// (<c>CI=true</c>), where it runs and fails: .ci/run installs chromium, so a missing browser there is a broken CI,
/// not a reason to pass.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    /// <summary>Skips the test when the browser is missing, unless on CI.</summary>
    public ChromiumFactAttribute()
    {
        if (!File.Exists(Path) && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = $"{Path} is not installed (apt-get install chromium); CI installs it and runs this test.";
        }
    }

    /// <summary>The browser: $CHROMIUM_PATH, or Debian's /usr/bin/chromium.</summary>
    public static string Path => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } p ? p : "/usr/bin/chromium";
}
