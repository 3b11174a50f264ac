package dev.placementstudio.sweep;

import java.util.ArrayList;
import java.util.List;

/** Reads back the leading fields of a results line as {@link ResultColumns#csv} wrote them. */
final class CsvFields {
    private CsvFields() {
    }

    static List<String> first(String line, int n) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (out.size() < n && i <= line.length()) {
            StringBuilder sb = new StringBuilder();
            if (i < line.length() && line.charAt(i) == '"') {
                i++;
                while (i < line.length()) {
                    char ch = line.charAt(i++);
                    if (ch == '"') {
                        if (i < line.length() && line.charAt(i) == '"') {
                            sb.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        sb.append(ch);
                    }
                }
            } else {
                while (i < line.length() && line.charAt(i) != ',') {
                    sb.append(line.charAt(i++));
                }
            }
            out.add(sb.toString());
            i++; // the comma
        }
        return out;
    }
}
