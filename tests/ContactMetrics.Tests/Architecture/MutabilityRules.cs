using System.Reflection;
using System.Runtime.CompilerServices;

namespace ContactMetrics.Tests.Architecture;

/// <summary>
/// Immutability of public types (after NodaTime's <c>Annotations/MutabilityTest.cs</c>): every field, instance or
/// static, declared by the type or by a base type of the same assembly, is read-only (or a constant), and no property
/// has a public or protected setter other than <c>init</c>. Enums, interfaces and delegates have no state to check.
/// </summary>
internal static class MutabilityRules
{
    private const BindingFlags Declared = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    /// <summary>Every public type of <paramref name="assembly"/> in namespace <paramref name="ns"/> (nested public types included).</summary>
    public static IEnumerable<Type> PublicTypesIn(Assembly assembly, string ns) =>
        assembly.GetTypes().Where(t => t.Namespace == ns && IsVisible(t));

    /// <summary>Every way one of <paramref name="types"/> can change after construction, one line each.</summary>
    public static IReadOnlyList<string> Violations(IEnumerable<Type> types)
    {
        var violations = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in types)
        {
            if (type.IsEnum || type.IsInterface || typeof(Delegate).IsAssignableFrom(type))
            {
                continue;
            }
            for (var t = type; t is not null && t.Assembly == type.Assembly; t = t.BaseType)
            {
                foreach (var field in t.GetFields(Declared))
                {
                    if (!field.IsInitOnly && !field.IsLiteral)
                    {
                        violations.Add($"{type.FullName}: field {t.Name}.{field.Name} is not read-only");
                    }
                }
                foreach (var property in t.GetProperties(Declared))
                {
                    if (property.SetMethod is { } setter && (setter.IsPublic || setter.IsFamily || setter.IsFamilyOrAssembly) && !IsInit(setter))
                    {
                        violations.Add($"{type.FullName}: property {t.Name}.{property.Name} has a setter (use init)");
                    }
                }
            }
        }
        return [.. violations];
    }

    private static bool IsInit(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));

    private static bool IsVisible(Type type) => type.IsPublic || (type.IsNestedPublic && IsVisible(type.DeclaringType!));
}
