namespace ContactMetrics.Tests.Architecture;

/// <summary>
/// The layers of the core (DESIGN.md, "Layers of the core"): folder = namespace under a root, and which layer may
/// reference which. <c>Domain</c> and <c>Numerics</c> reference no other layer; <c>Tables</c> only those two; a
/// calculator only those three, never another calculator; <c>Valuation</c> composes them all. The root namespace
/// itself holds internal helpers (<c>Preconditions</c>) that every layer may use and that use no layer.
/// </summary>
internal static class LayerRules
{
    private static readonly string[] Bottom = ["Domain", "Numerics"];
    private static readonly string[] Calculators = ["Kpis", "Clv", "Retention", "CostToServe", "Staffing", "Attribution"];

    /// <summary>The layers a layer may reference, besides itself and the root's helpers; null for any.</summary>
    private static IReadOnlyCollection<string>? AllowedFrom(string layer) => layer switch
    {
        "" => [],
        "Domain" or "Numerics" => [],
        "Tables" => Bottom,
        "Valuation" => null,
        _ when Calculators.Contains(layer) => [.. Bottom, "Tables"],
        _ => [],
    };

    /// <summary>Every reference that breaks the rules among the types under <paramref name="root"/>, one line each.</summary>
    /// <param name="types">The scanned types of an assembly.</param>
    /// <param name="root">The root namespace, e.g. <c>ContactMetrics</c>.</param>
    public static IReadOnlyList<string> Violations(IEnumerable<ScannedType> types, string root)
    {
        var violations = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in types)
        {
            if (LayerOf(type.Namespace, root) is not { } from)
            {
                continue;
            }
            if (!IsKnown(from))
            {
                violations.Add($"{type.FullName}: namespace {type.Namespace} is not a layer of DESIGN.md (add it to {nameof(LayerRules)} with its rule)");
                continue;
            }
            var allowed = AllowedFrom(from);
            if (allowed is null)
            {
                continue;
            }
            foreach (var used in type.Types)
            {
                if (LayerOf(AssemblyScan.NamespaceOf(used), root) is { } to && to != from && to.Length > 0 && !allowed.Contains(to))
                {
                    violations.Add($"{type.FullName} ({Describe(from)}) uses {used} ({Describe(to)})");
                }
            }
        }
        return [.. violations];
    }

    private static bool IsKnown(string layer) =>
        layer.Length == 0 || Bottom.Contains(layer) || layer is "Tables" or "Valuation" || Calculators.Contains(layer);

    private static string Describe(string layer) => layer.Length == 0 ? "root helpers" : layer;

    /// <summary>The layer of a namespace under the root (its first segment; empty for the root itself), or null outside the root.</summary>
    private static string? LayerOf(string ns, string root)
    {
        if (ns == root)
        {
            return string.Empty;
        }
        if (!ns.StartsWith(root + ".", StringComparison.Ordinal))
        {
            return null;
        }
        string rest = ns[(root.Length + 1)..];
        int dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }
}
