namespace ContactMetrics.Tests.Architecture;

/// <summary>
/// What the core may not touch (DESIGN.md: "Nothing in the core reads files, the clock, the console or a global random
/// generator"): files and folders, the console, the system clock (however it is read) and the shared or time-seeded
/// random generator. Time comes in as an <c>Instant</c> or <c>IClock</c>, randomness as a seed or a <c>Random</c>.
/// </summary>
internal static class PurityRules
{
    /// <summary>Types whose every use reads or writes the outside world or the clock.</summary>
    private static readonly Dictionary<string, string> ForbiddenTypes = new(StringComparer.Ordinal)
    {
        ["System.IO.File"] = "reads or writes files",
        ["System.IO.Directory"] = "reads or writes folders",
        ["System.IO.FileInfo"] = "reads or writes files",
        ["System.IO.DirectoryInfo"] = "reads or writes folders",
        ["System.IO.FileStream"] = "reads or writes files",
        ["System.Console"] = "uses the console",
        ["NodaTime.SystemClock"] = "reads the system clock (take an IClock or an Instant)",
        ["System.Diagnostics.Stopwatch"] = "reads the clock",
    };

    /// <summary>Members that read the clock, a shared random generator or a path.</summary>
    private static readonly (string Type, string Member, Func<MemberUse, bool> Applies, string Why)[] ForbiddenMembers =
    [
        ("System.DateTime", "get_Now", _ => true, "reads the system clock"),
        ("System.DateTime", "get_UtcNow", _ => true, "reads the system clock"),
        ("System.DateTime", "get_Today", _ => true, "reads the system clock"),
        ("System.DateTimeOffset", "get_Now", _ => true, "reads the system clock"),
        ("System.DateTimeOffset", "get_UtcNow", _ => true, "reads the system clock"),
        ("System.Environment", "get_TickCount", _ => true, "reads the clock"),
        ("System.Environment", "get_TickCount64", _ => true, "reads the clock"),
        ("System.TimeProvider", "get_System", _ => true, "reads the system clock"),
        ("System.Random", "get_Shared", _ => true, "uses the shared random generator (take a seed or a Random)"),
        ("System.Random", ".ctor", m => m.ParameterTypes.IsEmpty, "creates a time-seeded random generator (take a seed or a Random)"),
        ("System.IO.StreamReader", ".ctor", m => m.ParameterTypes is [var first, ..] && first == "System.String", "opens a file by path"),
        ("System.IO.StreamWriter", ".ctor", m => m.ParameterTypes is [var first, ..] && first == "System.String", "opens a file by path"),
    ];

    /// <summary>Every forbidden use among the types whose outermost namespace is <paramref name="root"/> or under it, one line each.</summary>
    public static IReadOnlyList<string> Violations(IEnumerable<ScannedType> types, string root)
    {
        var violations = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in types)
        {
            if (type.Namespace != root && !type.Namespace.StartsWith(root + ".", StringComparison.Ordinal))
            {
                continue;
            }
            foreach (var used in type.Types)
            {
                if (ForbiddenTypes.TryGetValue(used, out string? why))
                {
                    violations.Add($"{type.FullName} uses {used}: {why}");
                }
            }
            foreach (var member in type.Members)
            {
                foreach (var (declaring, name, applies, why) in ForbiddenMembers)
                {
                    if (member.DeclaringType == declaring && member.Name == name && applies(member))
                    {
                        violations.Add($"{type.FullName} calls {member}: {why}");
                    }
                }
            }
        }
        return [.. violations];
    }
}
