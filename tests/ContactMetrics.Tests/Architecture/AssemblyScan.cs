using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace ContactMetrics.Tests.Architecture;

/// <summary>A member a type's code uses: its declaring type (generic arguments stripped), name and parameter types.</summary>
internal readonly record struct MemberUse(string DeclaringType, string Name, ImmutableArray<string> ParameterTypes)
{
    public override string ToString() => $"{DeclaringType}::{Name}({string.Join(", ", ParameterTypes)})";
}

/// <summary>
/// Every type and member one type definition of a compiled assembly mentions: base type, interfaces, generic
/// constraints, attributes, field, property, event and method signatures, local variables, and every token in the
/// method bodies' IL (calls, field accesses, <c>newobj</c>, <c>typeof</c>, casts).
/// </summary>
/// <param name="FullName">The type's full name, <c>Outer+Nested</c> for nested types.</param>
/// <param name="Namespace">The namespace of the outermost declaring type (compiler-generated closures count for the type that holds them).</param>
/// <param name="Types">The full names of the named types it mentions (no generic arguments; arguments are mentioned on their own).</param>
/// <param name="Members">The members its code uses.</param>
internal sealed record ScannedType(string FullName, string Namespace, IReadOnlySet<string> Types, IReadOnlySet<MemberUse> Members);

/// <summary>
/// Reads a compiled assembly's metadata (System.Reflection.Metadata) and lists, per type definition, the types and
/// members it references; what the architecture tests check rules against. Metadata, not reflection: a reference that
/// only occurs inside a method body is found too.
/// </summary>
internal static class AssemblyScan
{
    private static readonly OpCode?[] OneByte = new OpCode?[256];
    private static readonly OpCode?[] TwoByte = new OpCode?[256];

    static AssemblyScan()
    {
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var op = (OpCode)field.GetValue(null)!;
            ushort value = unchecked((ushort)op.Value);
            if (op.Size == 1)
            {
                OneByte[value] = op;
            }
            else
            {
                TwoByte[value & 0xFF] = op;
            }
        }
    }

    /// <summary>Scans the file an assembly was loaded from.</summary>
    public static IReadOnlyList<ScannedType> Of(Assembly assembly) => Of(assembly.Location);

    /// <summary>Scans an assembly file.</summary>
    public static IReadOnlyList<ScannedType> Of(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var result = new List<ScannedType>();
        foreach (var handle in md.TypeDefinitions)
        {
            var collector = new Collector(md);
            collector.ScanType(pe, handle);
            result.Add(new ScannedType(Names.Of(md, handle), Names.OuterNamespace(md, handle), collector.Types, collector.Members));
        }
        return result;
    }

    /// <summary>The namespace part of a full type name from <see cref="ScannedType.Types"/>.</summary>
    public static string NamespaceOf(string fullTypeName)
    {
        string outer = fullTypeName.Split('+')[0];
        int dot = outer.LastIndexOf('.');
        return dot < 0 ? string.Empty : outer[..dot];
    }

    private static class Names
    {
        public static string Of(MetadataReader md, TypeDefinitionHandle handle)
        {
            var type = md.GetTypeDefinition(handle);
            var declaring = type.GetDeclaringType();
            string name = md.GetString(type.Name);
            if (!declaring.IsNil)
            {
                return Of(md, declaring) + "+" + name;
            }
            string ns = md.GetString(type.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        public static string OuterNamespace(MetadataReader md, TypeDefinitionHandle handle)
        {
            var outer = handle;
            while (md.GetTypeDefinition(outer).GetDeclaringType() is { IsNil: false } declaring)
            {
                outer = declaring;
            }
            return md.GetString(md.GetTypeDefinition(outer).Namespace);
        }

        public static string Of(MetadataReader md, TypeReferenceHandle handle)
        {
            var type = md.GetTypeReference(handle);
            string name = md.GetString(type.Name);
            if (type.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                return Of(md, (TypeReferenceHandle)type.ResolutionScope) + "+" + name;
            }
            string ns = md.GetString(type.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }
    }

    /// <summary>Decodes signatures to type names, recording every named type it meets.</summary>
    private sealed class Collector(MetadataReader md) : ISignatureTypeProvider<string, object?>
    {
        public HashSet<string> Types { get; } = new(StringComparer.Ordinal);

        public HashSet<MemberUse> Members { get; } = [];

        public void ScanType(PEReader pe, TypeDefinitionHandle handle)
        {
            var type = md.GetTypeDefinition(handle);
            AddType(type.BaseType);
            foreach (var i in type.GetInterfaceImplementations())
            {
                AddType(md.GetInterfaceImplementation(i).Interface);
            }
            AddGenericConstraints(type.GetGenericParameters());
            AddAttributes(type.GetCustomAttributes());
            foreach (var f in type.GetFields())
            {
                var field = md.GetFieldDefinition(f);
                field.DecodeSignature(this, null);
                AddAttributes(field.GetCustomAttributes());
            }
            foreach (var p in type.GetProperties())
            {
                var property = md.GetPropertyDefinition(p);
                property.DecodeSignature(this, null);
                AddAttributes(property.GetCustomAttributes());
            }
            foreach (var e in type.GetEvents())
            {
                AddType(md.GetEventDefinition(e).Type);
            }
            foreach (var m in type.GetMethods())
            {
                var method = md.GetMethodDefinition(m);
                method.DecodeSignature(this, null);
                AddAttributes(method.GetCustomAttributes());
                AddGenericConstraints(method.GetGenericParameters());
                if (method.RelativeVirtualAddress != 0)
                {
                    ScanBody(pe.GetMethodBody(method.RelativeVirtualAddress));
                }
            }
        }

        private void ScanBody(MethodBodyBlock body)
        {
            if (!body.LocalSignature.IsNil)
            {
                md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(this, null);
            }
            foreach (var region in body.ExceptionRegions)
            {
                AddType(region.CatchType);
            }
            var il = body.GetILReader();
            while (il.RemainingBytes > 0)
            {
                byte first = il.ReadByte();
                var op = first == 0xFE ? TwoByte[il.ReadByte()] : OneByte[first];
                if (op is not { } code)
                {
                    throw new InvalidOperationException($"Unknown IL opcode 0x{first:X2} at offset {il.Offset - 1}.");
                }
                switch (code.OperandType)
                {
                    case OperandType.InlineNone:
                        break;
                    case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                        il.Offset += 1;
                        break;
                    case OperandType.InlineVar:
                        il.Offset += 2;
                        break;
                    case OperandType.InlineI8 or OperandType.InlineR:
                        il.Offset += 8;
                        break;
                    case OperandType.InlineSwitch:
                        int targets = il.ReadInt32();
                        il.Offset += 4 * targets;
                        break;
                    case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                        AddToken(MetadataTokens.EntityHandle(il.ReadInt32()));
                        break;
                    default: // InlineBrTarget, InlineI, InlineSig, InlineString, ShortInlineR
                        il.Offset += 4;
                        break;
                }
            }
        }

        private void AddToken(EntityHandle handle)
        {
            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition or HandleKind.TypeReference or HandleKind.TypeSpecification:
                    AddType(handle);
                    break;
                case HandleKind.MethodDefinition:
                    var method = md.GetMethodDefinition((MethodDefinitionHandle)handle);
                    var declaring = method.GetDeclaringType();
                    AddType(declaring);
                    var signature = method.DecodeSignature(this, null);
                    Members.Add(new MemberUse(Names.Of(md, declaring), md.GetString(method.Name), signature.ParameterTypes));
                    break;
                case HandleKind.FieldDefinition:
                    var field = md.GetFieldDefinition((FieldDefinitionHandle)handle);
                    AddType(field.GetDeclaringType());
                    Members.Add(new MemberUse(Names.Of(md, field.GetDeclaringType()), md.GetString(field.Name), []));
                    break;
                case HandleKind.MemberReference:
                    var member = md.GetMemberReference((MemberReferenceHandle)handle);
                    string parent = member.Parent.Kind is HandleKind.TypeDefinition or HandleKind.TypeReference or HandleKind.TypeSpecification
                        ? StripGenericArguments(Decode(member.Parent))
                        : "<module>";
                    var parameters = member.GetKind() == MemberReferenceKind.Method
                        ? member.DecodeMethodSignature(this, null).ParameterTypes
                        : [member.DecodeFieldSignature(this, null)];
                    Members.Add(new MemberUse(parent, md.GetString(member.Name), member.GetKind() == MemberReferenceKind.Method ? parameters : []));
                    break;
                case HandleKind.MethodSpecification:
                    var spec = md.GetMethodSpecification((MethodSpecificationHandle)handle);
                    spec.DecodeSignature(this, null);
                    AddToken(spec.Method);
                    break;
            }
        }

        private void AddGenericConstraints(GenericParameterHandleCollection parameters)
        {
            foreach (var p in parameters)
            {
                foreach (var c in md.GetGenericParameter(p).GetConstraints())
                {
                    AddType(md.GetGenericParameterConstraint(c).Type);
                }
            }
        }

        private void AddAttributes(CustomAttributeHandleCollection attributes)
        {
            foreach (var a in attributes)
            {
                AddToken(md.GetCustomAttribute(a).Constructor);
            }
        }

        private void AddType(EntityHandle handle)
        {
            if (!handle.IsNil)
            {
                Decode(handle);
            }
        }

        private string Decode(EntityHandle handle) => handle.Kind switch
        {
            HandleKind.TypeDefinition => GetTypeFromDefinition(md, (TypeDefinitionHandle)handle, 0),
            HandleKind.TypeReference => GetTypeFromReference(md, (TypeReferenceHandle)handle, 0),
            HandleKind.TypeSpecification => GetTypeFromSpecification(md, null, (TypeSpecificationHandle)handle, 0),
            _ => throw new InvalidOperationException($"Not a type handle: {handle.Kind}."),
        };

        private static string StripGenericArguments(string name)
        {
            int lt = name.IndexOf('<', StringComparison.Ordinal);
            return lt < 0 ? name : name[..lt];
        }

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => Add(Names.Of(reader, handle));

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => Add(Names.Of(reader, handle));

        public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => Add("System." + typeCode);

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[" + new string(',', shape.Rank - 1) + "]";

        public string GetByReferenceType(string elementType) => elementType + "&";

        public string GetPointerType(string elementType) => elementType + "*";

        public string GetPinnedType(string elementType) => elementType;

        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) => genericType + "<" + string.Join(",", typeArguments) + ">";

        public string GetGenericMethodParameter(object? genericContext, int index) => "!!" + index;

        public string GetGenericTypeParameter(object? genericContext, int index) => "!" + index;

        public string GetFunctionPointerType(MethodSignature<string> signature) => "method*";

        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

        private string Add(string name)
        {
            Types.Add(name);
            return name;
        }
    }
}
