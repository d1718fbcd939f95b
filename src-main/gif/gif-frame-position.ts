/**
 * gifenc always writes frames at position (0, 0). A sub-image frame needs its left/top in
 * the image descriptor, so patch those two fields right after gifenc wrote the frame.
 * Layout (GIF89a): graphic control extension 21 F9 04 pp dd dd tt 00, then the image
 * descriptor 2C llll tttt wwww hhhh pp. gifenc writes a control extension before every frame.
 */
export function patchFramePosition(stream: Uint8Array, frameStart: number, left: number, top: number): void {
  const d = frameStart + 8
  if (stream[frameStart] !== 0x21 || stream[frameStart + 1] !== 0xf9 || stream[d] !== 0x2c) {
    throw new Error(
      `Unexpected gifenc output at byte ${frameStart}: no graphic control extension followed by an image descriptor. ` +
        'The installed gifenc may differ from 1.0.x.'
    )
  }
  stream[d + 1] = left & 0xff
  stream[d + 2] = (left >> 8) & 0xff
  stream[d + 3] = top & 0xff
  stream[d + 4] = (top >> 8) & 0xff
}
