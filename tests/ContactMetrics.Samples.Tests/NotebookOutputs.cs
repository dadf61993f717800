using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ContactMetrics.Samples.Tests;

/// <summary>
/// The outputs saved in a notebook: what each code cell prints when the notebook runs (as a file-based app, with a
/// marker line after each cell), stored as nbformat 4 stream outputs so the notebook reads with its results on GitHub
/// or in an editor without a kernel. <c>CM_UPDATE_NOTEBOOKS=1</c> writes them; otherwise the tests compare them.
/// </summary>
internal static class NotebookOutputs
{
    /// <summary>The line a cell's end prints (a record separator, so it cannot be a line the cell prints itself).</summary>
    internal const string Marker = "\u001Ecell-end ";

    /// <summary>Whether this run writes the outputs into the notebooks instead of comparing them.</summary>
    internal static bool Update => Environment.GetEnvironmentVariable("CM_UPDATE_NOTEBOOKS") == "1";

    /// <summary>The statement appended after code cell <paramref name="cell"/>.</summary>
    internal static string MarkerStatement(int cell) => $"Console.WriteLine(\"\\u001Ecell-end {cell}\");";

    /// <summary>Each code cell's printed text, split at the markers; the text after the last marker is dropped.</summary>
    internal static List<string> Split(string stdout, int cells)
    {
        var outputs = new List<string>();
        var current = new StringBuilder();
        foreach (string line in stdout.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.StartsWith(Marker, StringComparison.Ordinal))
            {
                outputs.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(line).Append('\n');
            }
        }
        if (outputs.Count != cells)
        {
            throw new InvalidOperationException($"The run printed {outputs.Count} cell markers for {cells} code cells.");
        }
        return outputs;
    }

    /// <summary>The stdout text saved in each code cell of the notebook, in order ("" for a cell without output).</summary>
    internal static List<string> Saved(string notebookJson)
    {
        var root = JsonNode.Parse(notebookJson)!;
        return [.. root["cells"]!.AsArray().Where(c => (string?)c!["cell_type"] == "code").Select(c => string.Concat(
            c!["outputs"]!.AsArray().Where(o => (string?)o!["output_type"] == "stream" && (string?)o["name"] == "stdout")
                .SelectMany(o => o!["text"]!.AsArray().Select(t => (string?)t)))) ];
    }

    /// <summary>The notebook with <paramref name="outputs"/> saved in its code cells, numbered as if run top to bottom.</summary>
    internal static string WithOutputs(string notebookJson, IReadOnlyList<string> outputs)
    {
        var root = JsonNode.Parse(notebookJson)!;
        int k = 0;
        foreach (var cell in root["cells"]!.AsArray().Where(c => (string?)c!["cell_type"] == "code"))
        {
            string text = outputs[k++];
            cell!["execution_count"] = k;
            var lines = new JsonArray();
            foreach (string line in text.Split('\n').Select((l, i) => (l, i)).Where(x => x.l.Length > 0 || x.i < text.Split('\n').Length - 1).Select(x => x.l + "\n"))
            {
                lines.Add(line);
            }
            cell["outputs"] = text.Length == 0
                ? new JsonArray()
                : new JsonArray(new JsonObject { ["name"] = "stdout", ["output_type"] = "stream", ["text"] = lines });
        }
        var options = new JsonSerializerOptions { WriteIndented = true, IndentSize = 1, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        return root.ToJsonString(options) + "\n";
    }
}
