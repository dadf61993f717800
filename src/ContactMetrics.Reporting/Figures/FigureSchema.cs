using System.Text.Json;
using System.Text.Json.Nodes;
using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Reporting;

/// <summary>
/// The JSON Schema (draft 2020-12) of what <see cref="FigureSheet.ToJson"/> writes for one sheet, derived from the
/// sheet's structure: its sections (nested under their group), their facts and their table's columns, each typed by the
/// values the sheet holds. The rules (docs/cli.md):
/// <list type="bullet">
/// <item><c>schemaVersion</c> is the constant <see cref="FigureSheet.SchemaVersion"/>.</item>
/// <item>Every section, fact, table and column of the sheet is required; other members are allowed, since adding a
/// member does not raise the schema version (a renamed or removed member fails validation).</item>
/// <item>Every fact and cell may be null: null is how JSON writes a missing or undefined figure (DESIGN.md), and a sheet
/// holds values, not declarations, so it cannot tell a figure that is never missing from one present in this run.</item>
/// <item>A value's type is that of the values it holds: integer (<c>int</c>, <c>long</c>), number (other numbers,
/// shares, p-values, durations in seconds), string (text; instants as <c>date-time</c>, dates as <c>date</c>),
/// boolean, money (<c>{ amount, currency }</c>), or an object; a column takes every type its rows hold.</item>
/// <item>A value that is null in every row of the sheet has no type to derive: it is allowed any value.</item>
/// <item>A nested object lists the names and types it holds, none required, and allows other names of those types
/// (its names are a model's parameters or the data's categories).</item>
/// </list>
/// </summary>
internal static class FigureSchema
{
    private const string MoneyRef = "#/$defs/money";

    public static string Of(FigureSheet sheet, string title, string? description)
    {
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = title,
        };
        if (description is not null)
        {
            root["description"] = description;
        }
        root["type"] = "object";
        var members = new List<(string Name, JsonNode Schema)> { ("schemaVersion", new JsonObject { ["const"] = FigureSheet.SchemaVersion }) };
        foreach (var (group, sections) in GroupsInOrder(sheet))
        {
            var schemas = sections.Select(s => (s.Key, (JsonNode)Section(s))).ToList();
            members.AddRange(group is null ? schemas : [(group, Object(null, schemas))]);
        }
        AddMembers(root, members);
        root["$defs"] = new JsonObject
        {
            ["money"] = new JsonObject
            {
                ["description"] = "An amount of money in a currency.",
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["amount"] = new JsonObject { ["type"] = "number" },
                    ["currency"] = new JsonObject { ["type"] = "string", ["pattern"] = "^[A-Z]{3}$", ["description"] = "ISO 4217 code" },
                },
                ["required"] = new JsonArray("amount", "currency"),
                ["additionalProperties"] = false,
            },
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).ReplaceLineEndings("\n") + "\n";
    }

    /// <summary>Consecutive sections of one group, as <see cref="FigureSheet.ToJson"/> nests them.</summary>
    private static List<(string? Group, List<FigureSection> Sections)> GroupsInOrder(FigureSheet sheet)
    {
        var runs = new List<(string? Group, List<FigureSection> Sections)>();
        foreach (var section in sheet.Sections)
        {
            if (runs.Count == 0 || runs[^1].Group != section.Group)
            {
                runs.Add((section.Group, []));
            }
            runs[^1].Sections.Add(section);
        }
        return runs;
    }

    private static JsonObject Section(FigureSection section)
    {
        var members = section.Facts.Select(f => (f.JsonName, Shape.Of([f.Value]).ToSchema(f.Label))).ToList();
        if (section.Table is { } table)
        {
            var columns = table.Columns.Select((c, i) => (c.JsonName, Shape.Of(table.Rows.Select(r => r[i])).ToSchema(c.Heading))).ToList();
            members.Add((table.JsonName, new JsonObject
            {
                ["type"] = "array",
                ["items"] = Object(null, columns),
            }));
        }
        return Object(section.Title, members);
    }

    private static JsonObject Object(string? description, IEnumerable<(string Name, JsonNode Schema)> members)
    {
        var schema = new JsonObject();
        if (description is not null)
        {
            schema["description"] = description;
        }
        schema["type"] = "object";
        AddMembers(schema, members);
        return schema;
    }

    private static void AddMembers(JsonObject schema, IEnumerable<(string Name, JsonNode Schema)> members)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var (name, member) in members)
        {
            properties[name] = member;
            required.Add(name);
        }
        schema["properties"] = properties;
        schema["required"] = required;
    }

    /// <summary>The JSON types a value (or a column's values) takes in a sheet.</summary>
    private sealed class Shape
    {
        private readonly SortedSet<string> _types = new(StringComparer.Ordinal);
        private readonly HashSet<string?> _formats = [];
        private bool _money;
        private bool _seconds;
        private Dictionary<string, Shape>? _members;

        public static Shape Of(IEnumerable<object?> values)
        {
            var shape = new Shape();
            foreach (var value in values)
            {
                shape.Observe(value);
            }
            return shape;
        }

        private void Observe(object? value)
        {
            switch (value)
            {
                case null or NotApplicable:
                case double d when !double.IsFinite(d):
                case Fraction f when !double.IsFinite(f.Value):
                case PValue p when !double.IsFinite(p.Value):
                case People n when !double.IsFinite(n.Value):
                    break;
                case bool:
                    _types.Add("boolean");
                    break;
                case int or long:
                    _types.Add("integer");
                    break;
                case Duration:
                    _seconds = true;
                    _types.Add("number");
                    break;
                case double or decimal or Fraction or PValue or People:
                    _types.Add("number");
                    break;
                case Money:
                    _money = true;
                    break;
                case Instant:
                    Text("date-time");
                    break;
                case LocalDate:
                    Text("date");
                    break;
                case IReadOnlyDictionary<string, object?> obj:
                    foreach (var (key, member) in obj)
                    {
                        Member(key).Observe(member);
                    }
                    _members ??= [];
                    break;
                default:
                    // Text, and anything else the sheet writes as its invariant text.
                    Text(null);
                    break;
            }
        }

        private void Text(string? format)
        {
            _types.Add("string");
            _formats.Add(format);
        }

        public JsonNode ToSchema(string? description)
        {
            var schema = new JsonObject();
            if (description is not null)
            {
                schema["description"] = _seconds ? description + " (seconds)" : description;
            }
            if (_types.Count == 0 && !_money && _members is null)
            {
                schema["$comment"] = "null wherever the generating run had it: its type when present is not known from the sheet";
                return schema;
            }
            if (_types.Contains("integer") && _types.Contains("number"))
            {
                _types.Remove("integer");
            }
            var alternatives = new List<JsonObject>();
            if (_types.Count > 0)
            {
                var plain = new JsonObject { ["type"] = new JsonArray([.. _types.Select(t => (JsonNode?)t)]) };
                if (_formats.Count == 1 && _formats.Single() is { } format)
                {
                    plain["format"] = format;
                }
                alternatives.Add(plain);
            }
            if (_money)
            {
                alternatives.Add(new JsonObject { ["$ref"] = MoneyRef });
            }
            if (_members is not null)
            {
                var properties = new JsonObject();
                foreach (var (key, member) in _members.OrderBy(m => m.Key, StringComparer.Ordinal))
                {
                    properties[key] = member.ToSchema(null);
                }
                var values = Of([]);
                foreach (var member in _members.Values)
                {
                    values.Merge(member);
                }
                alternatives.Add(new JsonObject { ["type"] = "object", ["properties"] = properties, ["additionalProperties"] = values.ToSchema(null) });
            }
            if (alternatives is [{ } only] && only["type"] is JsonArray types)
            {
                types.Add("null");
                foreach (var (key, node) in only.ToList())
                {
                    only.Remove(key);
                    schema[key] = node;
                }
                return schema;
            }
            schema["anyOf"] = new JsonArray([.. alternatives, new JsonObject { ["type"] = "null" }]);
            return schema;
        }

        private void Merge(Shape other)
        {
            _types.UnionWith(other._types);
            _formats.UnionWith(other._formats);
            _money |= other._money;
            _seconds |= other._seconds;
            if (other._members is not null)
            {
                foreach (var (key, member) in other._members)
                {
                    Member(key).Merge(member);
                }
                _members ??= [];
            }
        }

        private Shape Member(string key)
        {
            _members ??= new Dictionary<string, Shape>(StringComparer.Ordinal);
            if (!_members.TryGetValue(key, out var shape))
            {
                _members[key] = shape = new Shape();
            }
            return shape;
        }
    }
}
