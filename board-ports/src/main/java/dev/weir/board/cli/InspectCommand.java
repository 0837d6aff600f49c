package dev.weir.board.cli;

import dev.weir.core.module.InvalidModuleException;
import dev.weir.core.module.CustomSection;
import dev.weir.core.module.Export;
import dev.weir.core.module.ExternalKind;
import dev.weir.core.module.Import;
import dev.weir.core.module.Limits;
import dev.weir.core.module.Module;
import dev.weir.core.Wasm;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code weir inspect}: what a module imports and exports, its memories, tables and custom sections,
 * and the WASI capabilities it would use. Works on modules that do not validate (it says so, and
 * exits with {@link ExitStatus#INVALID}), since looking at a broken module is one reason to inspect it.
 */
final class InspectCommand {
    private InspectCommand() {
    }

    static int execute(String file, PrintStream out) throws CliException {
        byte[] bytes = ModuleFiles.read(file);
        Module m = ModuleFiles.decode(file, bytes);
        StringBuilder sb = new StringBuilder();
        sb.append("module: ").append(file).append(" (").append(bytes.length).append(" bytes");
        if (m.moduleName() != null) {
            sb.append(", named ").append(m.moduleName());
        }
        sb.append(")\n");
        String validity = validity(bytes);
        sb.append("valid: ").append(validity).append('\n');
        sb.append("functions: ").append(m.functionCount() - m.importedFunctionCount()).append(" defined, ")
                .append(m.importedFunctionCount()).append(" imported\n");

        sb.append("imports (").append(m.importCount()).append("):\n");
        for (int i = 0; i < m.importCount(); i++) {
            Import im = m.importAt(i);
            sb.append("  ").append(ExternalKind.name(im.kind())).append(' ').append(im.module()).append('.')
                    .append(im.name()).append(' ').append(describeImport(m, im)).append('\n');
        }

        sb.append("exports (").append(m.exportCount()).append("):\n");
        for (int i = 0; i < m.exportCount(); i++) {
            Export e = m.export(i);
            sb.append("  ").append(ExternalKind.name(e.kind())).append(' ').append(e.name()).append(' ')
                    .append(describeExport(m, e)).append('\n');
        }

        sb.append("memories (").append(m.memoryCount()).append("):\n");
        for (int i = 0; i < m.memoryCount(); i++) {
            Limits l = m.memory(i).limits();
            sb.append("  memory ").append(i).append(": ").append(l.min()).append(" pages initial (")
                    .append(bytesText(l.min() * 65536)).append("), ");
            sb.append(l.hasMax() ? "at most " + l.max() + " pages (" + bytesText(l.max() * 65536) + ")" : "no maximum");
            sb.append(i < m.importedMemoryCount() ? ", imported" : "").append('\n');
        }

        sb.append("tables (").append(m.tableCount()).append("):\n");
        for (int i = 0; i < m.tableCount(); i++) {
            Limits l = m.table(i).limits();
            sb.append("  table ").append(i).append(": ")
                    .append(dev.weir.core.module.ValType.name(m.table(i).elementType())).append(", ")
                    .append(l.min()).append(" elements initial, ")
                    .append(l.hasMax() ? "at most " + l.max() : "no maximum")
                    .append(i < m.importedTableCount() ? ", imported" : "").append('\n');
        }

        sb.append("custom sections (").append(m.customSectionCount()).append("):\n");
        for (int i = 0; i < m.customSectionCount(); i++) {
            CustomSection c = m.customSection(i);
            sb.append("  ").append(c.name()).append(" (").append(c.length()).append(" bytes)\n");
        }

        appendCapabilities(m, bytes, sb);
        out.print(sb);
        out.flush();
        // The description is still printed (looking at a broken module is why one inspects it), but
        // scripts that check a module before deploying it must see the failure in the exit status.
        return "yes".equals(validity) ? ExitStatus.OK : ExitStatus.INVALID;
    }

    /**
     * {@code weir inspect --json}: the same facts as one JSON object, for deployment scripts:
     * {@code module, bytes, name, valid, error, functions {defined, imported}, imports [{kind, module,
     * name, type}], exports [{kind, name, type}], memories [{min, max, imported}], tables
     * [{element, min, max, imported}], customSections [{name, bytes}], capabilities {group: [names]}}.
     * Exits as the text form does.
     */
    static int executeJson(String file, PrintStream out) throws CliException {
        byte[] bytes = ModuleFiles.read(file);
        Module m = ModuleFiles.decode(file, bytes);
        String validity = validity(bytes);
        StringBuilder j = new StringBuilder("{");
        j.append("\"module\":").append(json(file)).append(",\"bytes\":").append(bytes.length);
        j.append(",\"name\":").append(m.moduleName() == null ? "null" : json(m.moduleName()));
        j.append(",\"valid\":").append("yes".equals(validity));
        j.append(",\"error\":").append("yes".equals(validity) ? "null" : json(validity.substring("no: ".length())));
        j.append(",\"functions\":{\"defined\":").append(m.functionCount() - m.importedFunctionCount())
                .append(",\"imported\":").append(m.importedFunctionCount()).append('}');
        j.append(",\"imports\":[");
        for (int i = 0; i < m.importCount(); i++) {
            Import im = m.importAt(i);
            j.append(i == 0 ? "" : ",").append("{\"kind\":").append(json(ExternalKind.name(im.kind())))
                    .append(",\"module\":").append(json(im.module())).append(",\"name\":").append(json(im.name()))
                    .append(",\"type\":").append(json(describeImport(m, im))).append('}');
        }
        j.append("],\"exports\":[");
        for (int i = 0; i < m.exportCount(); i++) {
            Export e = m.export(i);
            j.append(i == 0 ? "" : ",").append("{\"kind\":").append(json(ExternalKind.name(e.kind())))
                    .append(",\"name\":").append(json(e.name())).append(",\"type\":").append(json(describeExport(m, e)))
                    .append('}');
        }
        j.append("],\"memories\":[");
        for (int i = 0; i < m.memoryCount(); i++) {
            Limits l = m.memory(i).limits();
            j.append(i == 0 ? "" : ",").append("{\"min\":").append(l.min()).append(",\"max\":")
                    .append(l.hasMax() ? String.valueOf(l.max()) : "null").append(",\"imported\":")
                    .append(i < m.importedMemoryCount()).append('}');
        }
        j.append("],\"tables\":[");
        for (int i = 0; i < m.tableCount(); i++) {
            Limits l = m.table(i).limits();
            j.append(i == 0 ? "" : ",").append("{\"element\":")
                    .append(json(dev.weir.core.module.ValType.name(m.table(i).elementType()))).append(",\"min\":")
                    .append(l.min()).append(",\"max\":").append(l.hasMax() ? String.valueOf(l.max()) : "null")
                    .append(",\"imported\":").append(i < m.importedTableCount()).append('}');
        }
        j.append("],\"customSections\":[");
        for (int i = 0; i < m.customSectionCount(); i++) {
            CustomSection c = m.customSection(i);
            j.append(i == 0 ? "" : ",").append("{\"name\":").append(json(c.name())).append(",\"bytes\":")
                    .append(c.length()).append('}');
        }
        j.append("],\"capabilities\":{");
        List<String> groups = new ArrayList<>();
        List<List<String>> names = new ArrayList<>();
        for (int i = 0; i < m.importCount(); i++) {
            Import im = m.importAt(i);
            if (im.kind() != ExternalKind.FUNCTION) {
                continue;
            }
            String group = WasiCapabilities.isWasiModule(im.module()) ? WasiCapabilities.groupOf(im.name())
                    : dev.weir.hal.gpio.GpioHost.MODULE.equals(im.module()) ? "gpio"
                    : dev.weir.hal.camera.CameraHost.MODULE.equals(im.module()) ? "camera" : "host";
            String name = "host".equals(group) ? im.module() + "." + im.name() : im.name();
            int at = groups.indexOf(group);
            if (at < 0) {
                groups.add(group);
                names.add(new ArrayList<String>());
                at = groups.size() - 1;
            }
            names.get(at).add(name);
        }
        for (int g = 0; g < groups.size(); g++) {
            j.append(g == 0 ? "" : ",").append(json(groups.get(g))).append(":[");
            for (int i = 0; i < names.get(g).size(); i++) {
                j.append(i == 0 ? "" : ",").append(json(names.get(g).get(i)));
            }
            j.append(']');
        }
        j.append("}}\n");
        out.print(j);
        out.flush();
        return "yes".equals(validity) ? ExitStatus.OK : ExitStatus.INVALID;
    }

    /** A JSON string literal (RFC 8259, section 7). */
    static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static String validity(byte[] bytes) {
        try {
            Wasm.parse(bytes);
            return "yes";
        } catch (InvalidModuleException e) {
            return "no: " + e.getMessage();
        }
    }

    private static String describeImport(Module m, Import im) {
        switch (im.kind()) {
            case ExternalKind.FUNCTION:
                return im.typeIndex() < m.typeCount() ? m.type(im.typeIndex()).toString() : "type " + im.typeIndex();
            case ExternalKind.TABLE:
                return im.tableType().toString();
            case ExternalKind.MEMORY:
                return im.memoryType().toString();
            default:
                return im.globalType().toString();
        }
    }

    private static String describeExport(Module m, Export e) {
        int index = e.index();
        switch (e.kind()) {
            case ExternalKind.FUNCTION: {
                if (index >= m.functionCount()) {
                    return "(function " + index + ")";
                }
                String name = m.functionName(index);
                String type = m.functionType(index).toString();
                return name != null && !name.equals(e.name()) ? type + " = " + m.describeFunction(index)
                        : type + " = func[" + index + "]";
            }
            case ExternalKind.MEMORY:
                return "= memory " + index;
            case ExternalKind.TABLE:
                return "= table " + index;
            default:
                return index < m.globalCount() ? m.global(index) + " = global " + index : "= global " + index;
        }
    }

    private static void appendCapabilities(Module m, byte[] bytes, StringBuilder sb) {
        List<String> other = new ArrayList<>();
        List<String> gpio = new ArrayList<>();
        List<String> camera = new ArrayList<>();
        List<String> messaging = new ArrayList<>();
        List<List<String>> byGroup = new ArrayList<>();
        for (int g = 0; g < WasiCapabilities.GROUPS.length; g++) {
            byGroup.add(new ArrayList<String>());
        }
        for (int i = 0; i < m.importCount(); i++) {
            Import im = m.importAt(i);
            if (im.kind() == ExternalKind.FUNCTION && WasiCapabilities.isWasiModule(im.module())) {
                String group = WasiCapabilities.groupOf(im.name());
                for (int g = 0; g < WasiCapabilities.GROUPS.length; g++) {
                    if (WasiCapabilities.GROUPS[g].equals(group)) {
                        byGroup.get(g).add(im.name());
                    }
                }
            } else if (im.kind() == ExternalKind.FUNCTION && dev.weir.hal.gpio.GpioHost.MODULE.equals(im.module())) {
                gpio.add(im.name());
            } else if (im.kind() == ExternalKind.FUNCTION && dev.weir.hal.camera.CameraHost.MODULE.equals(im.module())) {
                camera.add(im.name());
            } else if (im.kind() == ExternalKind.FUNCTION && dev.weir.hal.messaging.MessagingHost.MODULE.equals(im.module())) {
                messaging.add(im.name());
            } else {
                other.add(im.module() + "." + im.name());
            }
        }
        sb.append("capabilities:\n");
        boolean any = false;
        for (int g = 0; g < WasiCapabilities.GROUPS.length; g++) {
            List<String> names = byGroup.get(g);
            if (names.isEmpty()) {
                continue;
            }
            any = true;
            String group = WasiCapabilities.GROUPS[g];
            sb.append("  ").append(group);
            for (int pad = group.length(); pad < 11; pad++) {
                sb.append(' ');
            }
            sb.append(String.join(", ", names)).append("  [").append(WasiCapabilities.grant(group)).append("]\n");
        }
        if (!gpio.isEmpty()) {
            any = true;
            sb.append("  gpio       ").append(String.join(", ", gpio))
                    .append("  [pins granted with --grants or --grant; see weir board]\n");
        }
        if (!camera.isEmpty()) {
            any = true;
            sb.append("  camera     ").append(String.join(", ", camera))
                    .append("  [cameras given with --camera, granted with --grants or --grant]\n");
        }
        if (!messaging.isEmpty()) {
            any = true;
            sb.append("  messaging  ").append(String.join(", ", messaging))
                    .append("  [links given with --link NAME=mqtt://HOST:PORT, topics granted with --grants]\n");
            for (String need : MessagingSetup.declaredNeeds(m, bytes)) {
                sb.append("    needs    ").append(need).append('\n');
            }
        }
        if (!other.isEmpty()) {
            any = true;
            sb.append("  host       ").append(String.join(", ", other))
                    .append("  [not WASI: weir run cannot provide these]\n");
        }
        if (!any) {
            sb.append("  none (the module imports nothing)\n");
        }
    }

    private static String bytesText(long bytes) {
        if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GiB";
        }
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " bytes";
    }
}
