namespace ContactMetrics.Data.Reading;

/// <summary>
/// The files a glob or folder names, as DuckDB's <c>read_csv</c> and <c>read_parquet</c> expand them: <c>*</c> (any
/// characters but a folder separator), <c>?</c> (one character) and <c>[abc]</c>, <c>[a-z]</c>, <c>[!a]</c> (one of a set)
/// in any segment, and <c>**</c> as a whole segment for any number of folders, none included (<c>lake/**/*.parquet</c>);
/// a folder reads its files at any depth. Hive partition folders (<c>year=2024/</c>) below the literal part give
/// <see cref="Partitions"/>.
/// </summary>
internal static class Glob
{
    private static readonly char[] Separators = ['/', '\\'];

    /// <summary>Whether a text has a wildcard: <c>*</c>, <c>?</c> or <c>[</c>.</summary>
    public static bool HasWildcard(string text) => text.AsSpan().IndexOfAny('*', '?', '[') >= 0;

    /// <summary>
    /// The folder to search (the pattern's segments before the first with a wildcard; the folder itself for a folder)
    /// and the files in it that the pattern matches, unsorted.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static (string Root, IEnumerable<string> Files) Expand(string path)
    {
        if (Directory.Exists(path))
        {
            return (path, Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories));
        }
        var segments = path.Split(Separators);
        int first = Array.FindIndex(segments, HasWildcard);
        string root = first == 0 ? "." : first == 1 && segments[0].Length == 0 ? "/" : string.Join('/', segments[..first]);
        var pattern = segments[first..];
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"{path}: the folder '{root}' does not exist.");
        }
        bool deep = pattern.Length > 1 || pattern[0] == "**";
        var files = Directory.EnumerateFiles(root, "*", deep ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
            .Where(f => Matches(Path.GetRelativePath(root, f).Split(Separators), 0, pattern, 0));
        return (root, files);
    }

    /// <summary>The hive partitions (<c>key=value</c> folders) between <paramref name="root"/> and <paramref name="file"/>, outermost first, each key once.</summary>
    public static IReadOnlyList<(string Key, string Value)> Partitions(string root, string file)
    {
        var folders = Path.GetRelativePath(root, file).Split(Separators)[..^1];
        var partitions = new List<(string, string)>();
        foreach (string folder in folders)
        {
            int equals = folder.IndexOf('=', StringComparison.Ordinal);
            string key = equals > 0 ? folder[..equals].Trim() : "";
            if (key.Length > 0 && !partitions.Exists(p => string.Equals(p.Item1, key, StringComparison.OrdinalIgnoreCase)))
            {
                partitions.Add((key, Uri.UnescapeDataString(folder[(equals + 1)..])));
            }
        }
        return partitions;
    }

    /// <summary>Whether the path's segments from <paramref name="p"/> on match the pattern's from <paramref name="q"/> on.</summary>
    private static bool Matches(string[] path, int p, string[] pattern, int q)
    {
        if (q == pattern.Length)
        {
            return p == path.Length;
        }
        if (pattern[q] == "**")
        {
            // Any number of folders, none included; as the last segment, every file below.
            if (q + 1 == pattern.Length)
            {
                return p < path.Length;
            }
            for (int k = p; k < path.Length; k++)
            {
                if (Matches(path, k, pattern, q + 1))
                {
                    return true;
                }
            }
            return false;
        }
        return p < path.Length && SegmentMatches(path[p], pattern[q]) && Matches(path, p + 1, pattern, q + 1);
    }

    /// <summary>One name against one segment of the pattern (<c>*</c>, <c>?</c>, <c>[...]</c>), with backtracking over the last <c>*</c>.</summary>
    internal static bool SegmentMatches(string name, string pattern)
    {
        int n = 0, p = 0, starP = -1, starN = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                starP = p++;
                starN = n;
            }
            else if (p < pattern.Length && OneMatches(name[n], pattern, p, out int next))
            {
                p = next;
                n++;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                n = ++starN;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }
        return p == pattern.Length;
    }

    /// <summary>Whether the pattern element at <paramref name="p"/> (<c>?</c>, a set, or a literal) matches <paramref name="c"/>; <paramref name="next"/> is the element after it.</summary>
    private static bool OneMatches(char c, string pattern, int p, out int next)
    {
        next = p + 1;
        if (pattern[p] == '?')
        {
            return true;
        }
        if (pattern[p] == '[' && p + 2 <= pattern.Length && pattern.IndexOf(']', p + 2) is int close and > 0)
        {
            next = close + 1;
            int start = p + 1;
            bool negated = pattern[start] is '!' or '^';
            start += negated ? 1 : 0;
            bool found = false;
            for (int i = start; i < close; i++)
            {
                if (i + 2 < close && pattern[i + 1] == '-')
                {
                    found |= c >= pattern[i] && c <= pattern[i + 2];
                    i += 2;
                }
                else
                {
                    found |= c == pattern[i];
                }
            }
            return found != negated;
        }
        return pattern[p] == c;
    }
}
