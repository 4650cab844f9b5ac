/**
 * Small SVG pictures the demo rooms point at, served by the sandbox itself at
 * `/__sandbox/images/<name>.svg` so the demo works offline. Each is a sky
 * gradient with a simple scene.
 */

interface Picture {
  sky: [string, string];
  scene: string;
}

const SEA = '<path d="M0 420 Q100 390 200 420 T400 420 T600 420 T800 420 V600 H0Z" fill="#1d6fa5" opacity=".85"/>'
  + '<path d="M0 470 Q100 440 200 470 T400 470 T600 470 T800 470 V600 H0Z" fill="#15547f"/>';
const SAND = '<path d="M0 520 Q400 470 800 530 V600 H0Z" fill="#f1d9a7"/>';
const SUN = (x: number, y: number, r: number, color = '#ffd36e') => `<circle cx="${x}" cy="${y}" r="${r}" fill="${color}"/>`;
const PALM = (x: number) =>
  `<path d="M${x} 520 Q${x + 10} 420 ${x - 5} 330" stroke="#6b4a2b" stroke-width="12" fill="none" stroke-linecap="round"/>`
  + `<path d="M${x - 5} 330 q-70 -10 -110 40 M${x - 5} 330 q60 -30 110 10 M${x - 5} 330 q-20 -60 -80 -60 M${x - 5} 330 q30 -55 90 -45" stroke="#2f7d4f" stroke-width="14" fill="none" stroke-linecap="round"/>`;
const HOUSE = (x: number, w: number, h: number, color: string) =>
  `<rect x="${x}" y="${520 - h}" width="${w}" height="${h}" fill="${color}"/>`
  + `<path d="M${x - 15} ${520 - h} L${x + w / 2} ${520 - h - 70} L${x + w + 15} ${520 - h}Z" fill="#b5533c"/>`
  + `<rect x="${x + w / 2 - 22}" y="${520 - 80}" width="44" height="80" fill="#5a3b28"/>`;
const MOUNTAINS = '<path d="M0 460 L180 260 L320 400 L470 220 L650 420 L800 300 V600 H0Z" fill="#4d7c5a"/>'
  + '<path d="M0 520 L220 380 L420 500 L620 360 L800 470 V600 H0Z" fill="#2f5d3e"/>';

const PICTURES: Record<string, Picture> = {
  deluxe: { sky: ['#8fd3f4', '#fde2b8'], scene: SUN(620, 180, 70) + SEA + SAND + PALM(140) },
  'deluxe-balcony': {
    sky: ['#f9c58d', '#f492f0'],
    scene: SUN(400, 330, 90, '#ffb347') + SEA
      + '<rect x="0" y="500" width="800" height="100" fill="#e9e4dc"/>'
      + Array.from({ length: 11 }, (_, i) => `<rect x="${20 + i * 75}" y="430" width="10" height="90" fill="#fff"/>`).join('')
      + '<rect x="0" y="420" width="800" height="14" fill="#fff"/>',
  },
  'garden-twin': {
    sky: ['#b8f3c8', '#e8f9d5'],
    scene: SUN(680, 120, 50, '#fff3a8') + '<path d="M0 470 Q400 420 800 470 V600 H0Z" fill="#5fae62"/>'
      + PALM(180) + PALM(600)
      + '<rect x="290" y="440" width="90" height="50" rx="8" fill="#fff"/><rect x="420" y="440" width="90" height="50" rx="8" fill="#fff"/>',
  },
  'family-suite': {
    sky: ['#a1c4fd', '#c2e9fb'],
    scene: SUN(120, 130, 55) + '<path d="M0 500 Q400 470 800 500 V600 H0Z" fill="#7cc47f"/>' + HOUSE(300, 220, 170, '#f6e7c1'),
  },
  penthouse: {
    sky: ['#30cfd0', '#330867'],
    scene: SUN(640, 140, 40, '#fff') + SEA
      + '<rect x="250" y="200" width="300" height="260" fill="#eef2f7"/>'
      + '<rect x="230" y="180" width="340" height="24" fill="#cfd8e3"/>'
      + '<rect x="300" y="250" width="80" height="70" fill="#7fc8f8"/><rect x="420" y="250" width="80" height="70" fill="#7fc8f8"/>'
      + '<rect x="300" y="350" width="200" height="40" rx="6" fill="#4fc3f7"/>',
  },
  dorm: {
    sky: ['#fbc2eb', '#a6c1ee'],
    scene: '<rect x="0" y="480" width="800" height="120" fill="#c9b79c"/>'
      + [150, 450].map((x) =>
        `<rect x="${x}" y="200" width="200" height="14" fill="#6b4a2b"/><rect x="${x}" y="340" width="200" height="14" fill="#6b4a2b"/>`
        + `<rect x="${x}" y="180" width="200" height="22" rx="6" fill="#fff"/><rect x="${x}" y="320" width="200" height="22" rx="6" fill="#fff"/>`
        + `<rect x="${x}" y="160" width="12" height="340" fill="#6b4a2b"/><rect x="${x + 188}" y="160" width="12" height="340" fill="#6b4a2b"/>`,
      ).join(''),
  },
  studio: {
    sky: ['#fddb92', '#d1fdff'],
    scene: '<rect x="220" y="120" width="360" height="300" rx="180" fill="#fff8e7" stroke="#2e6f8e" stroke-width="16"/>'
      + '<path d="M400 120 V420 M220 290 H580" stroke="#2e6f8e" stroke-width="10"/>'
      + '<rect x="0" y="470" width="800" height="130" fill="#d98c5f"/>',
  },
  'hill-cottage': {
    sky: ['#d4fc79', '#96e6a1'],
    scene: SUN(650, 140, 45, '#fffbe0') + MOUNTAINS + HOUSE(320, 160, 110, '#f3e2c7'),
  },
  'hill-loft': {
    sky: ['#e0c3fc', '#8ec5fc'],
    scene: MOUNTAINS + '<rect x="0" y="300" width="800" height="90" fill="#fff" opacity=".45"/>',
  },
};

export const IMAGE_NAMES = Object.keys(PICTURES);

/** The SVG for a demo image name, or undefined for an unknown one. */
export function renderImage(name: string): string | undefined {
  if (!Object.hasOwn(PICTURES, name)) return undefined;
  const picture = PICTURES[name]!;
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 600" width="800" height="600">',
    '<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">',
    `<stop offset="0" stop-color="${picture.sky[0]}"/><stop offset="1" stop-color="${picture.sky[1]}"/>`,
    '</linearGradient></defs>',
    '<rect width="800" height="600" fill="url(#sky)"/>',
    picture.scene,
    '</svg>',
  ].join('');
}
