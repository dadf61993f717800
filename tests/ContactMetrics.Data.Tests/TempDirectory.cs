using System.Text;

namespace ContactMetrics.Data.Tests;

/// <summary>A fresh folder under the system temp folder, deleted with its files on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "contactmetrics-data-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes the text as UTF-8 exactly as given (no BOM unless asked, line ends as written).</summary>
    public string WriteText(string name, string text, bool byteOrderMark = false)
    {
        string path = File(name);
        var bytes = new UTF8Encoding(byteOrderMark).GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on some platform: leave it to the temp cleaner.
        }
    }
}
