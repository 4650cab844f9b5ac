// A page (or another library) that already owns the <staymod-booking> tag.
customElements.define(
  'staymod-booking',
  class extends HTMLElement {
    connectedCallback() {
      this.textContent = 'The page’s own staymod-booking';
    }
  },
);
