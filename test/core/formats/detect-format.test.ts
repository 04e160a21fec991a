import { describe, expect, it } from "vitest";
import { detectFormat } from "../../../src/core/formats/detect-format.js";

/** The format of a file the member did not name, told from its name and first bytes (issue 16). */
describe("detectFormat", () => {
  it("tells a STIX bundle, a wrapped MISP event and a MISP response list", () => {
    expect(detectFormat("x.json", '{"type": "bundle", "id": "bundle--1", "objects": []}')).toBe("stix");
    expect(detectFormat("x.json", '{\n  "Event": {"info": "t", "Attribute": []}}')).toBe("misp");
    expect(detectFormat("x.json", '{"response": [{"Event": {}}]}')).toBe("misp");
  });

  it("tells a bare MISP event as PyMISP writes it, by its attributes or by its own fields", () => {
    expect(detectFormat("event.json", '{"info": "OSINT report", "Attribute": [{"type": "ip-dst", "value": "198.51.100.1"}]}')).toBe("misp");
    expect(detectFormat("event.json", '{"uuid": "5715…", "Object": [{"name": "file"}]}')).toBe("misp");
    expect(detectFormat("event.json", '{"threat_level_id": "2", "timestamp": "1467971098", "info": "OSINT report", "analysis": "2"}')).toBe("misp");
  });

  it("leaves other JSON to the member to name, and reads anything else as CSV or a plain list", () => {
    expect(detectFormat("x.json", '{"info": "just a title"}')).toBeUndefined();
    expect(detectFormat("x.json", '[{"ip": "198.51.100.1"}]')).toBeUndefined();
    expect(detectFormat("feed.csv", "ip,port\n198.51.100.1,443\n")).toBe("csv");
  });
});
