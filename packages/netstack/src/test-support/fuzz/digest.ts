/**
 * A running FNV-1a hash of what a fuzz run did (every input's bytes and fate, every
 * event): two runs with the same seed must end with the same digest.
 */
export class Digest {
  private hash = 0x811c9dc5;

  number(value: number): void {
    this.byte(value & 0xff);
    this.byte((value >>> 8) & 0xff);
    this.byte((value >>> 16) & 0xff);
    this.byte((value >>> 24) & 0xff);
  }

  bytes(bytes: Uint8Array): void {
    this.number(bytes.length);
    let hash = this.hash;
    for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
    this.hash = hash;
  }

  text(value: string): void {
    for (let i = 0; i < value.length; i++) this.number(value.charCodeAt(i));
  }

  get value(): string {
    return (this.hash >>> 0).toString(16).padStart(8, '0');
  }

  private byte(value: number): void {
    this.hash = Math.imul(this.hash ^ value, 0x01000193);
  }
}
